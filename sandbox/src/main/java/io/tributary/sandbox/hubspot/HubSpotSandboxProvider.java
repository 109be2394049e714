package io.tributary.sandbox.hubspot;

import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SandboxPlatformProvider;
import org.springframework.stereotype.Component;

/** Registers the HubSpot simulator with {@code ./tributary sandbox}. */
@Component
public final class HubSpotSandboxProvider implements SandboxPlatformProvider {

  @Override
  public String name() {
    return "hubspot";
  }

  @Override
  public SandboxPlatform platform() {
    return HubSpotSandbox.platform();
  }

  @Override
  public String usage(String baseUrl) {
    return "base_url " + baseUrl + ", private-app token " + HubSpotSandboxSettings.PRIVATE_APP_TOKEN
        + " (or OAuth: client_id " + HubSpotSandboxSettings.CLIENT_ID + ", token URL " + baseUrl + "/oauth/v1/token)";
  }
}
