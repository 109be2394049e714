package io.tributary.sandbox.ga4;

import io.tributary.sandbox.SandboxPlatform;

/** Entry point of the GA4 Data API simulator: {@code options.withPlatform(Ga4Sandbox.platform())}. */
public final class Ga4Sandbox {

  private Ga4Sandbox() {}

  public static SandboxPlatform platform() {
    return ctx -> new Ga4Routes(ctx, Ga4SandboxSettings.from(ctx.options()));
  }
}
