package io.tributary.sandbox.ga4;

import io.tributary.core.JobContext;
import io.tributary.sandbox.JobSimulator;
import io.tributary.sandbox.SimulatedPlatform;
import org.springframework.stereotype.Component;

/** The GA4 Data API simulator, for {@code ./tributary sandbox} and for a GA4 job's {@code sandbox:} block. */
@Component
public final class Ga4SandboxProvider extends SimulatedPlatform<Ga4SandboxConfig> {

  public Ga4SandboxProvider() {
    super("ga4", Ga4Sandbox.platform(), Ga4SandboxConfig.class);
  }

  @Override
  public String usage(String baseUrl) {
    return "api_url " + baseUrl + ", token_url " + baseUrl + Ga4SandboxSettings.TOKEN_PATH + ", property_id "
        + Ga4SandboxSettings.PROPERTY_ID + "; service account " + Ga4SandboxSettings.CLIENT_EMAIL
        + " (its JSON key: GET " + baseUrl
        + Ga4Routes.KEY_PATH + "); dimensions date, country,"
        + " deviceCategory; metrics activeUsers, sessions, screenPageViews, engagementRate";
  }

  /** The simulator is both the Data API and Google's token endpoint; its service-account key is a file reference. */
  @Override
  public JobSimulator start(Ga4SandboxConfig config, JobContext context) {
    JobSimulator simulator = JobSimulator.start(config.options(platform(), 90L * Ga4Property.TUPLES_PER_DAY));
    String base = simulator.server().baseUrl();
    Ga4Routes routes = simulator.server().routes(Ga4Routes.class);
    return simulator.replacing("credentials_json", "api_url", "token_url", "property_id").set("api_url", base)
        .set("token_url", base + Ga4SandboxSettings.TOKEN_PATH).set("property_id", Ga4SandboxSettings.PROPERTY_ID)
        .secret("credentials_json", routes.serviceAccountKey(base + Ga4SandboxSettings.TOKEN_PATH));
  }
}
