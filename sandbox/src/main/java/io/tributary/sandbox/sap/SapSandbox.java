package io.tributary.sandbox.sap;

import io.tributary.sandbox.SandboxPlatform;

/** Entry point of the SAP OData v2 simulator: {@code options.withPlatform(SapSandbox.platform())}. */
public final class SapSandbox {

  private SapSandbox() {}

  /** The platform with settings taken from the options' {@code sap.*} settings. */
  public static SandboxPlatform platform() {
    return ctx -> new SapRoutes(ctx, SapSandboxSettings.from(ctx.options()));
  }
}
