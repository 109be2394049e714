package io.tributary.sandbox.sap;

import io.tributary.core.JobContext;
import io.tributary.sandbox.JobSimulator;
import io.tributary.sandbox.SimulatedPlatform;
import org.springframework.stereotype.Component;

/** The SAP OData simulator, for {@code ./tributary sandbox} and for an SAP job's {@code sandbox:} block. */
@Component
public final class SapSandboxProvider extends SimulatedPlatform<SapSandboxConfig> {

  public SapSandboxProvider() {
    super("sap", SapSandbox.platform(), SapSandboxConfig.class);
  }

  @Override
  public String usage(String baseUrl) {
    SapSandboxSettings s = SapSandboxSettings.defaults();
    return "base_url " + baseUrl + SapSandboxSettings.ROOT + ", user/password " + s.user() + "/" + s.password()
        + " (or client_id/client_secret " + s.clientId() + "/" + s.clientSecret() + ", token_url " + baseUrl
        + SapSandboxSettings.TOKEN_PATH + "); services API_SALES_ORDER_SRV (A_SalesOrder, A_SalesOrderItem),"
        + " API_BUSINESS_PARTNER (A_BusinessPartner)";
  }

  /**
   * The job reads the simulator's OData v2 root without a sap-client, with its communication user (basic) or its
   * OAuth client ({@code auth: oauth}); the job's own system and credentials are set aside.
   */
  @Override
  public JobSimulator start(SapSandboxConfig config, JobContext context) {
    JobSimulator simulator = JobSimulator.start(config.options(platform(), 5_000));
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
}
