package io.tributary.sandbox.salesforce;

import io.tributary.core.JobContext;
import io.tributary.sandbox.JobSimulator;
import io.tributary.sandbox.SimulatedPlatform;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The Salesforce simulator, for {@code ./tributary sandbox} and for a Salesforce job's {@code sandbox:} block. */
@Component
public final class SalesforceSandboxProvider extends SimulatedPlatform<SalesforceSandboxConfig> {

  public SalesforceSandboxProvider() {
    super("salesforce", SalesforceSandbox.platform(), SalesforceSandboxConfig.class);
  }

  @Override
  public String usage(String baseUrl) {
    SalesforceSandboxSettings s = SalesforceSandboxSettings.defaults();
    return "login host " + baseUrl + " (token: " + baseUrl + "/services/oauth2/token), client_id " + s.clientId()
        + ", username " + s.username() + "; objects Account, Contact, Opportunity, User";
  }

  /**
   * The simulator is the login host; the job logs in with the simulator's connected app (client credentials) and
   * keeps its own API version, bulk settings, quota share and http overrides.
   */
  @Override
  public JobSimulator start(SalesforceSandboxConfig config, JobContext context) {
    JobSimulator simulator = JobSimulator.start(config.options());
    SalesforceSandboxSettings app = SalesforceSandboxSettings.from(simulator.server().options());
    Map<String, Object> auth = new LinkedHashMap<>();
    auth.put("type", "client_credentials");
    auth.put("client_id", app.clientId());
    auth.put("client_secret", simulator.secretRef("client_secret", app.clientSecret()));
    return simulator.set("login_host", simulator.server().baseUrl()).set("auth", auth);
  }
}
