package io.tributary.sandbox.bamboohr;

import io.tributary.core.JobContext;
import io.tributary.sandbox.JobSimulator;
import io.tributary.sandbox.RestSandboxConfig;
import io.tributary.sandbox.SimulatedPlatform;
import org.springframework.stereotype.Component;

/** The BambooHR simulator, for {@code ./tributary sandbox} and for a bamboohr job's {@code sandbox:} block. */
@Component
public final class BambooHrSandboxProvider extends SimulatedPlatform<RestSandboxConfig> {

  static final String GATEWAY = "/api/gateway.php";

  public BambooHrSandboxProvider() {
    super("bamboohr", BambooHrSandbox.platform(), RestSandboxConfig.class);
  }

  @Override
  public String usage(String baseUrl) {
    return "base_url " + baseUrl + GATEWAY + ", company_domain " + BambooHrSandboxSettings.COMPANY_DOMAIN
        + ", api_key " + BambooHrSandboxSettings.API_KEY + "; employees/changed, employees/directory, reports/custom,"
        + " time_off/requests";
  }

  /** The job reads the simulator's company with its API key; the job's own gateway, company and key are set aside. */
  @Override
  public JobSimulator start(RestSandboxConfig config, JobContext context) {
    JobSimulator simulator = JobSimulator.start(config.options(platform(), 2_000));
    return simulator.set("base_url", simulator.server().baseUrl() + GATEWAY)
        .set("company_domain", BambooHrSandboxSettings.COMPANY_DOMAIN)
        .secret("api_key", BambooHrSandboxSettings.API_KEY);
  }
}
