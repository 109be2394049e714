package io.tributary.sandbox.hubspot;

import io.tributary.sandbox.SandboxPlatform;

/** Entry point of the HubSpot simulator: {@code options.withPlatform(HubSpotSandbox.platform())}. */
public final class HubSpotSandbox {

  private HubSpotSandbox() {}

  public static SandboxPlatform platform() {
    return ctx -> new HubSpotRoutes(ctx, HubSpotSandboxSettings.from(ctx.options()));
  }
}
