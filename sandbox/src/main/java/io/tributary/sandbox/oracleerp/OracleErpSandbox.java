package io.tributary.sandbox.oracleerp;

import io.tributary.sandbox.SandboxPlatform;

/** Entry point of the Oracle ERP Cloud simulator: {@code options.withPlatform(OracleErpSandbox.platform())}. */
public final class OracleErpSandbox {

  private OracleErpSandbox() {}

  /** The platform with settings taken from the options' {@code oracleerp.*} settings. */
  public static SandboxPlatform platform() {
    return ctx -> new OracleErpRoutes(ctx, OracleErpSandboxSettings.from(ctx.options()));
  }
}
