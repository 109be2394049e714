package io.tributary.sandbox.netsuite;

import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SandboxPlatformProvider;
import org.springframework.stereotype.Component;

/** Registers the NetSuite simulator with {@code ./tributary sandbox}. */
@Component
public final class NetSuiteSandboxProvider implements SandboxPlatformProvider {

  @Override
  public String name() {
    return "netsuite";
  }

  @Override
  public SandboxPlatform platform() {
    return NetSuiteSandbox.platform();
  }

  @Override
  public String usage(String baseUrl) {
    NetSuiteSandboxSettings s = NetSuiteSandboxSettings.defaults();
    return "base_url " + baseUrl + ", account_id " + s.account() + ", consumer key/secret " + s.consumerKey() + "/"
        + s.consumerSecret() + ", token id/secret " + s.tokenId() + "/" + s.tokenSecret() + ", timezone "
        + s.timezone() + "; tables customer, transaction, transactionline";
  }
}
