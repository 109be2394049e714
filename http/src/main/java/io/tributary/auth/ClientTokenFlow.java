package io.tributary.auth;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OAuth 2.0 flow in which the client authenticates itself at the token endpoint with its id and secret
 * (RFC 6749 §2.3.1), in the form or as HTTP Basic per {@link ClientAuthMethod}. A subclass only names its grant.
 */
abstract class ClientTokenFlow extends OAuthTokenFlow {

  private final String clientId;
  private final String clientSecret;
  private final ClientAuthMethod method;

  /** @param clientSecret null for public clients */
  ClientTokenFlow(TokenEndpoint endpoint, Clock clock, String clientId, String clientSecret,
      ClientAuthMethod method) {
    super(endpoint, clock);
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.method = method;
  }

  /** The grant's own fields ({@code grant_type} and its parameters), in order, into a fresh map. */
  protected abstract void putGrant(Map<String, String> form);

  @Override
  protected final Map<String, String> tokenForm() {
    Map<String, String> form = new LinkedHashMap<>();
    putGrant(form);
    method.apply(form, new LinkedHashMap<>(), clientId, clientSecret);
    return form;
  }

  @Override
  protected final Map<String, String> tokenHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    method.apply(new LinkedHashMap<>(), headers, clientId, clientSecret);
    return headers;
  }
}
