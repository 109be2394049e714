package io.tributary.auth;

import java.time.Clock;
import java.util.Map;

/**
 * OAuth 2.0 refresh token grant (HubSpot, Dynamics delegated apps, ...). Starts from the stored token for
 * {@code storeKey} if one exists, else from the configured one; persists a rotated refresh token as soon as the
 * token endpoint returns it, so the next run does not use a revoked one.
 */
public final class RefreshTokenAuth extends ClientTokenFlow {

  private final RefreshTokenStore store;
  private final String storeKey;
  private volatile String refreshToken;

  /**
   * @param clientSecret null for public clients
   * @param initialRefreshToken the resolved secret from the job file, used when the store has none
   * @param storeKey identifies this connection in the store, e.g. "hubspot-portal-1234"
   */
  public RefreshTokenAuth(TokenEndpoint endpoint, String clientId, String clientSecret, ClientAuthMethod method,
      String initialRefreshToken, RefreshTokenStore store, String storeKey) {
    this(endpoint, clientId, clientSecret, method, initialRefreshToken, store, storeKey, Clock.systemUTC());
  }

  public RefreshTokenAuth(TokenEndpoint endpoint, String clientId, String clientSecret, ClientAuthMethod method,
      String initialRefreshToken, RefreshTokenStore store, String storeKey, Clock clock) {
    super(endpoint, clock, clientId, clientSecret, method);
    this.store = store;
    this.storeKey = storeKey;
    this.refreshToken = store.load(storeKey).orElse(initialRefreshToken);
  }

  @Override
  protected void putGrant(Map<String, String> form) {
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken);
  }

  @Override
  protected void accepted(TokenResponse response) {
    response.refreshToken().filter(rotated -> !rotated.equals(refreshToken)).ifPresent(rotated -> {
      store.save(storeKey, rotated);
      refreshToken = rotated;
    });
  }
}
