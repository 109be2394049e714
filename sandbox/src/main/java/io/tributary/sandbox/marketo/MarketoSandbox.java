package io.tributary.sandbox.marketo;

import io.tributary.sandbox.SandboxPlatform;

/** Entry point of the Marketo simulator: {@code options.withPlatform(MarketoSandbox.platform())}. */
public final class MarketoSandbox {

  private MarketoSandbox() {}

  public static SandboxPlatform platform() {
    return ctx -> new MarketoRoutes(ctx, MarketoSandboxSettings.from(ctx.options()));
  }
}
