package io.tributary.auth;

import java.time.Clock;
import java.util.Map;

/** OAuth 2.0 client credentials grant. Client id and secret are values already resolved from SecretRefs. */
public final class ClientCredentialsAuth extends ClientTokenFlow {

  private final String scope;

  /** @param scope space-separated scopes, or null */
  public ClientCredentialsAuth(TokenEndpoint endpoint, String clientId, String clientSecret, String scope,
      ClientAuthMethod method) {
    this(endpoint, clientId, clientSecret, scope, method, Clock.systemUTC());
  }

  public ClientCredentialsAuth(TokenEndpoint endpoint, String clientId, String clientSecret, String scope,
      ClientAuthMethod method, Clock clock) {
    super(endpoint, clock, clientId, clientSecret, method);
    this.scope = scope;
  }

  @Override
  protected void putGrant(Map<String, String> form) {
    form.put("grant_type", "client_credentials");
    if (scope != null && !scope.isBlank()) {
      form.put("scope", scope);
    }
  }
}
