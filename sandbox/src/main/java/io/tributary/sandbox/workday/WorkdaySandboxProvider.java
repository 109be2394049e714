package io.tributary.sandbox.workday;

import io.tributary.core.JobContext;
import io.tributary.sandbox.JobSimulator;
import io.tributary.sandbox.SimulatedPlatform;
import org.springframework.stereotype.Component;

/** The Workday RaaS simulator, for {@code ./tributary sandbox} and for a Workday job's {@code sandbox:} block. */
@Component
public final class WorkdaySandboxProvider extends SimulatedPlatform<WorkdaySandboxConfig> {

  public WorkdaySandboxProvider() {
    super("workday", WorkdaySandbox.platform(), WorkdaySandboxConfig.class);
  }

  @Override
  public String usage(String baseUrl) {
    return "host " + baseUrl + ", tenant " + WorkdaySandboxSettings.TENANT + ", ISU "
        + WorkdaySandboxSettings.ISU_USER + " / " + WorkdaySandboxSettings.ISU_PASSWORD + "; report "
        + WorkdaySandboxSettings.OWNER + "/" + WorkdaySandboxSettings.REPORT + " with prompts From_Date, To_Date"
        + " (or OAuth: client_id " + WorkdaySandboxSettings.CLIENT_ID + ", refresh token "
        + WorkdaySandboxSettings.REFRESH_TOKEN + ")";
  }

  /** The job reads the simulator as its Integration System User; OAuth credentials of the job are set aside. */
  @Override
  public JobSimulator start(WorkdaySandboxConfig config, JobContext context) {
    JobSimulator simulator = JobSimulator.start(config.options(platform(), 2_000));
    return simulator.replacing("client_id", "client_secret", "refresh_token", "token_url", "password")
        .set("host", simulator.server().baseUrl()).set("tenant", WorkdaySandboxSettings.TENANT)
        .set("username", WorkdaySandboxSettings.ISU_USER)
        .secret("password", WorkdaySandboxSettings.ISU_PASSWORD);
  }
}
