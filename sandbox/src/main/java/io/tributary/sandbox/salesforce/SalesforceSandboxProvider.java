package io.tributary.sandbox.salesforce;

import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SandboxPlatformProvider;
import org.springframework.stereotype.Component;

/** Registers the Salesforce simulator with {@code ./tributary sandbox}. */
@Component
public final class SalesforceSandboxProvider implements SandboxPlatformProvider {

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
}
