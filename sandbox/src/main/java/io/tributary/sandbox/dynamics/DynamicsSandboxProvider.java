package io.tributary.sandbox.dynamics;

import io.tributary.core.JobContext;
import io.tributary.sandbox.JobSimulator;
import io.tributary.sandbox.SimulatedPlatform;
import org.springframework.stereotype.Component;

/** The Dataverse simulator, for {@code ./tributary sandbox} and for a Dynamics 365 job's {@code sandbox:} block. */
@Component
public final class DynamicsSandboxProvider extends SimulatedPlatform<DynamicsSandboxConfig> {

  public DynamicsSandboxProvider() {
    super("dynamics365", DynamicsSandbox.platform(), DynamicsSandboxConfig.class);
  }

  @Override
  public String usage(String baseUrl) {
    return "org_url " + baseUrl + ", authority_url " + baseUrl + ", tenant_id " + DynamicsSandboxSettings.TENANT_ID
        + ", client_id " + DynamicsSandboxSettings.CLIENT_ID + ", client secret "
        + DynamicsSandboxSettings.CLIENT_SECRET + "; tables account, contact, opportunity";
  }

  /** The simulator is both the environment and its Entra ID authority; the job signs in with its app registration. */
  @Override
  public JobSimulator start(DynamicsSandboxConfig config, JobContext context) {
    JobSimulator simulator = JobSimulator.start(config.options(platform(), 5_000));
    String base = simulator.server().baseUrl();
    return simulator.set("org_url", base).set("authority_url", base)
        .set("tenant_id", DynamicsSandboxSettings.TENANT_ID).set("client_id", DynamicsSandboxSettings.CLIENT_ID)
        .secret("client_secret", DynamicsSandboxSettings.CLIENT_SECRET);
  }
}
