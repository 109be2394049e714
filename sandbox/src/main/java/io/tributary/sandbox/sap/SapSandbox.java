package io.tributary.sandbox.sap;

import io.tributary.sandbox.JobSimulator;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SimulatedPlatform;

/** Entry point of the SAP OData v2 simulator: {@code options.withPlatform(SapSandbox.platform())}. */
public final class SapSandbox {

  private SapSandbox() {}

  /** The simulator for {@code ./tributary sandbox} and an SAP job's {@code sandbox:} block. */
  public static SimulatedPlatform<SapSandboxConfig> simulator() {
    return new SimulatedPlatform<>("sap", platform(), SapSandboxConfig.class, 5_000, SapSandbox::point,
        SapSandbox::usage);
  }

  /** The platform with settings taken from the options' {@code sap.*} settings. */
  public static SandboxPlatform platform() {
    return ctx -> new SapRoutes(ctx, SapSandboxSettings.from(ctx.options()));
  }

  /**
   * The job reads the simulator's OData v2 root without a sap-client, with its communication user (basic) or its
   * OAuth client ({@code auth: oauth}); the job's own system and credentials are set aside.
   */
  private static JobSimulator point(JobSimulator simulator, SapSandboxConfig config) {
    SapSandboxSettings sap = SapSandboxSettings.from(simulator.server().options());
    String base = simulator.server().baseUrl();
    simulator.replacing("sap_client", "user", "password", "client_id", "client_secret", "token_url", "scope")
        .set("base_url", base + SapSandboxSettings.ROOT).set("odata_version", "v2");
    if (config.oauth()) {
      return simulator.secret("client_id", sap.clientId()).secret("client_secret", sap.clientSecret())
          .set("token_url", base + SapSandboxSettings.TOKEN_PATH);
    }
    return simulator.set("user", sap.user()).secret("password", sap.password());
  }

  private static String usage(String baseUrl) {
    SapSandboxSettings s = SapSandboxSettings.defaults();
    return "base_url " + baseUrl + SapSandboxSettings.ROOT + ", user/password " + s.user() + "/" + s.password()
        + " (or client_id/client_secret " + s.clientId() + "/" + s.clientSecret() + ", token_url " + baseUrl
        + SapSandboxSettings.TOKEN_PATH + "); services API_SALES_ORDER_SRV (A_SalesOrder, A_SalesOrderItem),"
        + " API_BUSINESS_PARTNER (A_BusinessPartner)";
  }
}
