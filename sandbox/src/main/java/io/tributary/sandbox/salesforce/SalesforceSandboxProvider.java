package io.tributary.sandbox.salesforce;

import io.tributary.core.JobContext;
import io.tributary.core.SourceSandbox;
import io.tributary.sandbox.JobSimulator;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SandboxPlatformProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The Salesforce simulator, for {@code ./tributary sandbox} and for a Salesforce job's {@code sandbox:} block. */
@Component
public final class SalesforceSandboxProvider implements SandboxPlatformProvider,
    SourceSandbox<SalesforceSandboxConfig> {

  @Override
  public String name() {
    return "salesforce";
  }

  @Override
  public SandboxPlatform platform() {
    return SalesforceSandbox.platform();
  }

  @Override
  public String usage(String baseUrl) {
    SalesforceSandboxSettings s = SalesforceSandboxSettings.defaults();
    return "login host " + baseUrl + " (token: " + baseUrl + "/services/oauth2/token), client_id " + s.clientId()
        + ", username " + s.username() + "; objects Account, Contact, Opportunity, User";
  }

  @Override
  public String type() {
    return name();
  }

  @Override
  public Class<SalesforceSandboxConfig> configType() {
    return SalesforceSandboxConfig.class;
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
