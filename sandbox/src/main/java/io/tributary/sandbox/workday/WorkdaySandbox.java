package io.tributary.sandbox.workday;

import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SimulatedPlatform;

/** Entry point of the Workday RaaS simulator: {@code options.withPlatform(WorkdaySandbox.platform())}. */
public final class WorkdaySandbox {

  private WorkdaySandbox() {}

  /**
   * The simulator for {@code ./tributary sandbox} and a Workday job's {@code sandbox:} block. The job reads the
   * simulator as its Integration System User; OAuth credentials of the job are set aside.
   */
  public static SimulatedPlatform<WorkdaySandboxConfig> simulator() {
    return new SimulatedPlatform<>("workday", platform(), WorkdaySandboxConfig.class, 2_000,
        (simulator, config) -> simulator
            .replacing("client_id", "client_secret", "refresh_token", "token_url", "password")
            .set("host", simulator.server().baseUrl()).set("tenant", WorkdaySandboxSettings.TENANT)
            .set("username", WorkdaySandboxSettings.ISU_USER)
            .secret("password", WorkdaySandboxSettings.ISU_PASSWORD),
        baseUrl -> "host " + baseUrl + ", tenant " + WorkdaySandboxSettings.TENANT + ", ISU "
            + WorkdaySandboxSettings.ISU_USER + " / " + WorkdaySandboxSettings.ISU_PASSWORD + "; report "
            + WorkdaySandboxSettings.OWNER + "/" + WorkdaySandboxSettings.REPORT + " with prompts From_Date, To_Date"
            + " (or OAuth: client_id " + WorkdaySandboxSettings.CLIENT_ID + ", refresh token "
            + WorkdaySandboxSettings.REFRESH_TOKEN + ")");
  }

  public static SandboxPlatform platform() {
    return WorkdayRoutes::new;
  }
}
