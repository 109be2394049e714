package io.tributary.sandbox.salesforce;

import io.tributary.sandbox.JobSimulator;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SimulatedPlatform;
import java.util.LinkedHashMap;
import java.util.Map;

/** Entry point of the Salesforce simulator: {@code options.withPlatform(SalesforceSandbox.platform())}. */
public final class SalesforceSandbox {

  private SalesforceSandbox() {}

  /** The platform with settings taken from the options' {@code salesforce.*} settings. */
  public static SandboxPlatform platform() {
    return ctx -> new SalesforceRoutes(ctx, SalesforceSandboxSettings.from(ctx.options()));
  }

  /** The platform with explicit settings (for tests that need a public key, say). */
  public static SandboxPlatform platform(SalesforceSandboxSettings settings) {
    return ctx -> new SalesforceRoutes(ctx, settings);
  }

  /** The simulator for {@code ./tributary sandbox} and a Salesforce job's {@code sandbox:} block. */
  public static SimulatedPlatform<SalesforceSandboxConfig> simulator() {
    return new SimulatedPlatform<>("salesforce", platform(), SalesforceSandboxConfig.class,
        SalesforceSandboxConfig::options, SalesforceSandbox::point, baseUrl -> {
          SalesforceSandboxSettings s = SalesforceSandboxSettings.defaults();
          return "login host " + baseUrl + " (token: " + baseUrl + "/services/oauth2/token), client_id "
              + s.clientId() + ", username " + s.username() + "; objects Account, Contact, Opportunity, User";
        });
  }

  /**
   * The simulator is the login host; the job logs in with the simulator's connected app (client credentials) and
   * keeps its own API version, bulk settings, quota share and http overrides. A simulated Bulk job is done within a
   * second or so, so unless the job sets {@code bulk_first_poll} its first status poll comes after 500 ms instead of the
   * 5 s a real org's job needs (docs/sources/salesforce.md, "Polling a Bulk job").
   */
  private static JobSimulator point(JobSimulator simulator, SalesforceSandboxConfig config) {
    SalesforceSandboxSettings app = SalesforceSandboxSettings.from(simulator.server().options());
    Map<String, Object> auth = new LinkedHashMap<>();
    auth.put("type", "client_credentials");
    auth.put("client_id", app.clientId());
    auth.put("client_secret", simulator.secretRef("client_secret", app.clientSecret()));
    return simulator.set("login_host", simulator.server().baseUrl()).set("auth", auth)
        .setIfAbsent("bulk_first_poll", "500ms");
  }
}
