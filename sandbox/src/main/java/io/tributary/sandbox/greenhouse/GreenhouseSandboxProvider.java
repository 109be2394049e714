package io.tributary.sandbox.greenhouse;

import io.tributary.core.JobContext;
import io.tributary.sandbox.JobSimulator;
import io.tributary.sandbox.SimulatedPlatform;
import org.springframework.stereotype.Component;

/** The Greenhouse Harvest simulator, for {@code ./tributary sandbox} and for a Greenhouse job's {@code sandbox:} block. */
@Component
public final class GreenhouseSandboxProvider extends SimulatedPlatform<GreenhouseSandboxConfig> {

  public GreenhouseSandboxProvider() {
    super("greenhouse", GreenhouseSandbox.platform(), GreenhouseSandboxConfig.class);
  }

  @Override
  public String usage(String baseUrl) {
    return "base_url " + baseUrl + "/v1, Harvest API key " + GreenhouseSandbox.API_KEY
        + " (Basic auth user name, empty password)";
  }

  /** The job reads the simulator with the simulator's API key; the job's own key is set aside. */
  @Override
  public JobSimulator start(GreenhouseSandboxConfig config, JobContext context) {
    JobSimulator simulator = JobSimulator.start(config.options(platform(), 2_000));
    return simulator.replacing("api_key", "base_url")
        .set("base_url", simulator.server().baseUrl() + "/v1")
        .secret("api_key", GreenhouseSandbox.API_KEY);
  }
}
