package io.tributary.source.hubspot;

import io.tributary.core.SecretRef;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Map;

/**
 * The {@code source:} block of a HubSpot job. Give either {@code access_token} (a private app) or the OAuth trio
 * {@code client_id}, {@code client_secret}, {@code refresh_token} (a public app; access tokens last 1,800 s and are
 * refreshed before they expire). A {@code sandbox:} block (docs/sources/hubspot.md) sets these to the simulator's.
 *
 * @param baseUrl API host, default {@code https://api.hubapi.com}
 * @param accessToken secret reference to a private app's access token
 * @param clientId OAuth client id (plain)
 * @param clientSecret secret reference to the OAuth client secret
 * @param refreshToken secret reference to the OAuth refresh token
 * @param tokenUrl OAuth token endpoint, default {@code <base_url>/oauth/v1/token}
 * @param tokenStoreDir where rotated refresh tokens are kept, default {@code ./.tributary/tokens}
 * @param searchIndexLag how far behind "now" an incremental run stops, because new changes take a few moments to
 *     reach the search index (CRM search guide, "Limits"); default {@code 60s}
 * @param searchRequestsPerSecond client-side cap on search calls, default 4 (HubSpot allows 5 per second)
 * @param requestsPerTenSeconds client-side cap on other calls, default 90 (private apps get 100 per 10 s)
 * @param http overrides of the HTTP client settings ({@code max_attempts}, {@code read_timeout}, ...)
 */
public record HubSpotConfig(
    String baseUrl,
    SecretRef accessToken,
    String clientId,
    SecretRef clientSecret,
    SecretRef refreshToken,
    String tokenUrl,
    String tokenStoreDir,
    String searchIndexLag,
    @PositiveOrZero Integer searchRequestsPerSecond,
    @PositiveOrZero Integer requestsPerTenSeconds,
    Map<String, Object> http) {

  String baseUrlOrDefault() {
    return baseUrl == null || baseUrl.isBlank() ? "https://api.hubapi.com" : baseUrl.replaceAll("/+$", "");
  }

  int searchPerSecond() {
    return searchRequestsPerSecond == null ? 4 : searchRequestsPerSecond;
  }

  int perTenSeconds() {
    return requestsPerTenSeconds == null ? 90 : requestsPerTenSeconds;
  }

  Map<String, Object> httpOrEmpty() {
    return http == null ? Map.of() : http;
  }
}
