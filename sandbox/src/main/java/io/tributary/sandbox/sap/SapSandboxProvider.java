package io.tributary.sandbox.sap;

import io.tributary.core.JobContext;
import io.tributary.core.SourceSandbox;
import io.tributary.sandbox.JobSimulator;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SandboxPlatformProvider;
import org.springframework.stereotype.Component;

/** The SAP OData simulator, for {@code ./tributary sandbox} and for an SAP job's {@code sandbox:} block. */
@Component
public final class SapSandboxProvider implements SandboxPlatformProvider, SourceSandbox<SapSandboxConfig> {

  @Override
  public String name() {
    return "sap";
  }

  @Override
  public SandboxPlatform platform() {
    return SapSandbox.platform();
  }

  @Override
  public String usage(String baseUrl) {
    SapSandboxSettings s = SapSandboxSettings.defaults();
    return "base_url " + baseUrl + SapSandboxSettings.ROOT + ", user/password " + s.user() + "/" + s.password()
        + " (or client_id/client_secret " + s.clientId() + "/" + s.clientSecret() + ", token_url " + baseUrl
        + SapSandboxSettings.TOKEN_PATH + "); services API_SALES_ORDER_SRV (A_SalesOrder, A_SalesOrderItem),"
        + " API_BUSINESS_PARTNER (A_BusinessPartner)";
  }

  @Override
  public String type() {
    return name();
  }

  @Override
  public Class<SapSandboxConfig> configType() {
    return SapSandboxConfig.class;
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
