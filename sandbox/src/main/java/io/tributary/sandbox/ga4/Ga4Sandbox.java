package io.tributary.sandbox.ga4;

import io.tributary.sandbox.JobSimulator;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SimulatedPlatform;

/** Entry point of the GA4 Data API simulator: {@code options.withPlatform(Ga4Sandbox.platform())}. */
public final class Ga4Sandbox {

  private Ga4Sandbox() {}

  /** The simulator for {@code ./tributary sandbox} and a GA4 job's {@code sandbox:} block (90 days by default). */
  public static SimulatedPlatform<Ga4SandboxConfig> simulator() {
    return new SimulatedPlatform<>("ga4", platform(), Ga4SandboxConfig.class, 90L * Ga4Property.TUPLES_PER_DAY,
        Ga4Sandbox::point,
        baseUrl -> "api_url " + baseUrl + ", token_url " + baseUrl + Ga4SandboxSettings.TOKEN_PATH + ", property_id "
            + Ga4SandboxSettings.PROPERTY_ID + "; service account " + Ga4SandboxSettings.CLIENT_EMAIL
            + " (its JSON key: GET " + baseUrl + Ga4Routes.KEY_PATH + "); dimensions date, country,"
            + " deviceCategory; metrics activeUsers, sessions, screenPageViews, engagementRate");
  }

  public static SandboxPlatform platform() {
    return ctx -> new Ga4Routes(ctx, Ga4SandboxSettings.from(ctx.options()));
  }

  /** The simulator is both the Data API and Google's token endpoint; its service-account key is a file reference. */
  private static JobSimulator point(JobSimulator simulator, Ga4SandboxConfig config) {
    String base = simulator.server().baseUrl();
    Ga4Routes routes = simulator.server().routes(Ga4Routes.class);
    return simulator.replacing("credentials_json", "api_url", "token_url", "property_id").set("api_url", base)
        .set("token_url", base + Ga4SandboxSettings.TOKEN_PATH).set("property_id", Ga4SandboxSettings.PROPERTY_ID)
        .secret("credentials_json", routes.serviceAccountKey(base + Ga4SandboxSettings.TOKEN_PATH));
  }
}
