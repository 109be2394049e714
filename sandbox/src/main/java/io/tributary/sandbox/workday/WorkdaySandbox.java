package io.tributary.sandbox.workday;

import io.tributary.sandbox.SandboxPlatform;

/** Entry point of the Workday RaaS simulator: {@code options.withPlatform(WorkdaySandbox.platform())}. */
public final class WorkdaySandbox {

  private WorkdaySandbox() {}

  public static SandboxPlatform platform() {
    return WorkdayRoutes::new;
  }
}
