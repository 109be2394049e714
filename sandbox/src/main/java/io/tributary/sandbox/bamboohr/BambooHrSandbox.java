package io.tributary.sandbox.bamboohr;

import io.tributary.sandbox.SandboxPlatform;

/** Entry point of the BambooHR simulator: {@code options.withPlatform(BambooHrSandbox.platform())}. */
public final class BambooHrSandbox {

  private BambooHrSandbox() {}

  /** The platform with settings taken from the options' {@code bamboohr.*} settings. */
  public static SandboxPlatform platform() {
    return ctx -> new BambooHrRoutes(ctx, BambooHrSandboxSettings.from(ctx.options()));
  }
}
