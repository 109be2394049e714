package io.tributary.sandbox.netsuite;

import io.tributary.sandbox.SandboxPlatform;

/** Entry point of the NetSuite simulator: {@code options.withPlatform(NetSuiteSandbox.platform())}. */
public final class NetSuiteSandbox {

  private NetSuiteSandbox() {}

  /** The platform with settings taken from the options' {@code netsuite.*} settings. */
  public static SandboxPlatform platform() {
    return ctx -> new NetSuiteRoutes(ctx, NetSuiteSandboxSettings.from(ctx.options()));
  }
}
