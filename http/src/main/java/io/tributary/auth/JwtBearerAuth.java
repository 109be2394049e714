package io.tributary.auth;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OAuth 2.0 JWT bearer grant (RFC 7523), as Salesforce's server-to-server flow uses it: iss = connected app
 * consumer key, sub = username, aud = login host (e.g. https://login.salesforce.com), exp a few minutes out. The
 * response carries {@code instance_url} (read it with {@link #tokenResponse()}) and no refresh token: on 401 a
 * new assertion is simply signed again.
 */
public final class JwtBearerAuth extends OAuthTokenFlow {

  public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  private static final Duration LIFETIME = Duration.ofMinutes(3);

  private final JwtAssertion assertion;

  public JwtBearerAuth(TokenEndpoint endpoint, String clientId, String username, String audience,
      PrivateKey key) {
    this(endpoint, clientId, username, audience, key, Clock.systemUTC());
  }

  public JwtBearerAuth(TokenEndpoint endpoint, String clientId, String username, String audience, PrivateKey key,
      Clock clock) {
    this(endpoint, new JwtAssertion(clientId, username, audience, key, LIFETIME, clock));
  }

  /** The grant with an assertion of the caller's making (Google's service accounts: no sub, a scope claim). */
  public JwtBearerAuth(TokenEndpoint endpoint, JwtAssertion assertion) {
    super(endpoint, assertion.clock());
    this.assertion = assertion;
  }

  @Override
  protected Map<String, String> tokenForm() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", GRANT_TYPE);
    form.put("assertion", assertion.sign());
    return form;
  }
}
