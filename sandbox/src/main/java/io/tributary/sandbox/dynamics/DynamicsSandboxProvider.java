package io.tributary.sandbox.dynamics;

import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SandboxPlatformProvider;
import org.springframework.stereotype.Component;

/** Registers the Dataverse simulator with {@code ./tributary sandbox}. */
@Component
public final class DynamicsSandboxProvider implements SandboxPlatformProvider {

  @Override
  public String name() {
    return "dynamics365";
  }

  @Override
  public SandboxPlatform platform() {
    return DynamicsSandbox.platform();
  }

  @Override
  public String usage(String baseUrl) {
    return "org_url " + baseUrl + ", authority_url " + baseUrl + ", tenant_id " + DynamicsSandboxSettings.TENANT_ID
        + ", client_id " + DynamicsSandboxSettings.CLIENT_ID + ", client secret "
        + DynamicsSandboxSettings.CLIENT_SECRET + "; tables account, contact, opportunity";
  }
}
