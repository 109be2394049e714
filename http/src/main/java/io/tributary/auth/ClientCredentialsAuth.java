package io.tributary.auth;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** OAuth 2.0 client credentials grant. Client id and secret are values already resolved from SecretRefs. */
public final class ClientCredentialsAuth extends OAuthTokenFlow {

  private final String clientId;
  private final String clientSecret;
  private final String scope;
  private final ClientAuthMethod method;

  /** @param scope space-separated scopes, or null */
  public ClientCredentialsAuth(TokenEndpoint endpoint, String clientId, String clientSecret, String scope,
      ClientAuthMethod method) {
    this(endpoint, clientId, clientSecret, scope, method, Clock.systemUTC());
  }

  public ClientCredentialsAuth(TokenEndpoint endpoint, String clientId, String clientSecret, String scope,
      ClientAuthMethod method, Clock clock) {
    super(endpoint, clock);
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.scope = scope;
    this.method = method;
  }

  @Override
  protected Map<String, String> tokenForm() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    if (scope != null && !scope.isBlank()) {
      form.put("scope", scope);
    }
    method.apply(form, new LinkedHashMap<>(), clientId, clientSecret);
    return form;
  }

  @Override
  protected Map<String, String> tokenHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    method.apply(new LinkedHashMap<>(), headers, clientId, clientSecret);
    return headers;
  }
}
