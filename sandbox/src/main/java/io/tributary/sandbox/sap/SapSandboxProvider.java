package io.tributary.sandbox.sap;

import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SandboxPlatformProvider;
import org.springframework.stereotype.Component;

/** Registers the SAP OData simulator with {@code ./tributary sandbox}. */
@Component
public final class SapSandboxProvider implements SandboxPlatformProvider {

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
}
