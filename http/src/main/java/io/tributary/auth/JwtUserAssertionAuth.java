package io.tributary.auth;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * OAuth 2.0 JWT bearer grant (RFC 7523) by a confidential client: the client authenticates with its id and secret
 * and sends a signed user assertion (iss = client id, sub = the user) with a scope. This is how an OCI IAM / IDCS
 * identity domain mints tokens for Oracle Fusion REST APIs ("Using Client ID and Secret to Generate the OAuth Access
 * Token": {@code Authorization: Basic}, {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer},
 * {@code scope}, {@code assertion}). Salesforce's flow, without client authentication, is {@link JwtBearerAuth}.
 */
public final class JwtUserAssertionAuth extends ClientTokenFlow {

  private static final Duration LIFETIME = Duration.ofMinutes(3);

  private final JwtAssertion assertion;
  private final String scope;

  /** @param scope space-separated scopes (Oracle: the Fusion resource's scope), or null */
  public JwtUserAssertionAuth(TokenEndpoint endpoint, String clientId, String clientSecret, ClientAuthMethod method,
      String user, String audience, PrivateKey key, String scope, Clock clock) {
    super(endpoint, clock, clientId, clientSecret, method);
    this.assertion = new JwtAssertion(clientId, user, audience, key, LIFETIME, clock);
    this.scope = scope;
  }

  @Override
  protected void putGrant(Map<String, String> form) {
    form.put("grant_type", JwtBearerAuth.GRANT_TYPE);
    if (scope != null && !scope.isBlank()) {
      form.put("scope", scope);
    }
    form.put("assertion", assertion.sign());
  }
}
