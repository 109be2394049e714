package io.tributary.sandbox.dynamics;

import io.tributary.sandbox.SandboxPlatform;

/** Entry point of the Dataverse simulator: {@code options.withPlatform(DynamicsSandbox.platform())}. */
public final class DynamicsSandbox {

  private DynamicsSandbox() {}

  public static SandboxPlatform platform() {
    return ctx -> new DynamicsRoutes(ctx, DynamicsSandboxSettings.from(ctx.options()));
  }
}
