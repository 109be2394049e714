package io.tributary.sandbox.hubspot;

import io.tributary.sandbox.SandboxOptions;

/**
 * Settings of the HubSpot simulator, from {@code hubspot.*} sandbox settings.
 *
 * @param privateAppToken the private-app token the sandbox accepts ({@code hubspot.private_app_token})
 * @param clientId the OAuth app's client id
 * @param clientSecret the OAuth app's client secret
 * @param refreshToken the refresh token the sandbox accepts
 * @param customProperties custom properties per object ({@code hubspot.custom_properties}, default 2)
 * @param enforceLimits whether search's 5/s and the 100/10 s burst answer 429 ({@code hubspot.enforce_limits})
 * @param associationPage links per record in one association batch-read result before it pages
 *     ({@code hubspot.association_page}, default 500; HubSpot documents no number)
 */
public record HubSpotSandboxSettings(String privateAppToken, String clientId, String clientSecret,
    String refreshToken, int customProperties, boolean enforceLimits, int associationPage) {

  public static final String PRIVATE_APP_TOKEN = "pat-na1-00000000-sandbox";
  public static final String CLIENT_ID = "sandbox-client-id";
  public static final String CLIENT_SECRET = "sandbox-client-secret";
  public static final String REFRESH_TOKEN = "1e8fbfb1-8e96-4826-8b8d-sandbox";

  public static HubSpotSandboxSettings from(SandboxOptions o) {
    return new HubSpotSandboxSettings(
        o.setting("hubspot.private_app_token", PRIVATE_APP_TOKEN),
        o.setting("hubspot.client_id", CLIENT_ID),
        o.setting("hubspot.client_secret", CLIENT_SECRET),
        o.setting("hubspot.refresh_token", REFRESH_TOKEN),
        Integer.parseInt(o.setting("hubspot.custom_properties", "2")),
        Boolean.parseBoolean(o.setting("hubspot.enforce_limits", "true")),
        Integer.parseInt(o.setting("hubspot.association_page", "500")));
  }
}
