package io.tributary.sandbox.bamboohr;

import io.tributary.sandbox.DefinitionSimulator;
import io.tributary.sandbox.JobSimulator;
import io.tributary.sandbox.RestSandboxConfig;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The BambooHR simulator, for {@code ./tributary sandbox} and for a bamboohr job's {@code sandbox:} block: the job
 * reads the simulator's company with its API key; the job's own gateway, company and key are set aside.
 */
@Component
public final class BambooHrSandboxProvider extends DefinitionSimulator<RestSandboxConfig> {

  static final String GATEWAY = "/api/gateway.php";

  public BambooHrSandboxProvider() {
    super("bamboohr", BambooHrSandbox.platform(), RestSandboxConfig.class, GATEWAY,
        Map.of("api_key", BambooHrSandboxSettings.API_KEY));
  }

  @Override
  public String usage(String baseUrl) {
    return "base_url " + baseUrl + GATEWAY + ", company_domain " + BambooHrSandboxSettings.COMPANY_DOMAIN
        + ", api_key " + BambooHrSandboxSettings.API_KEY + "; employees/changed, employees/directory, reports/custom,"
        + " time_off/requests";
  }

  @Override
  protected JobSimulator point(JobSimulator simulator) {
    return simulator.set("company_domain", BambooHrSandboxSettings.COMPANY_DOMAIN);
  }
}
