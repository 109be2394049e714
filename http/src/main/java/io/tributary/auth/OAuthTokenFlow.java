package io.tributary.auth;

import io.tributary.http.AuthProvider;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Base of the OAuth 2.0 flows: sends {@code Authorization: Bearer} from a {@link TokenCache} and refreshes on 401.
 * A subclass only says which form to post to the token endpoint.
 */
public abstract class OAuthTokenFlow implements AuthProvider {

  private static final Duration MAX_SKEW = Duration.ofSeconds(60);

  private final TokenEndpoint endpoint;
  private final TokenCache cache;

  protected OAuthTokenFlow(TokenEndpoint endpoint, Clock clock) {
    this.endpoint = endpoint;
    this.cache = new TokenCache(this::fetchToken, clock, MAX_SKEW);
  }

  /** The form of one token request; called under the cache's lock, once per fetch. */
  protected abstract Map<String, String> tokenForm();

  /** Extra headers of a token request (Basic client authentication). */
  protected Map<String, String> tokenHeaders() {
    return Map.of();
  }

  /** Sees every successful token response (to persist a rotated refresh token). */
  protected void accepted(TokenResponse response) {}

  /**
   * The current token response with all its fields, fetching one if needed: the Salesforce source reads
   * {@code instance_url} here before building its API client.
   */
  public TokenResponse tokenResponse() {
    return cache.current();
  }

  @Override
  public void apply(HttpRequest.Builder request, String method, URI uri, Map<String, String> formFields) {
    request.setHeader("Authorization", "Bearer " + cache.current().accessToken());
  }

  @Override
  public boolean refresh(HttpRequest rejected) {
    String sent = rejected.headers().firstValue("Authorization")
        .map(v -> v.regionMatches(true, 0, "Bearer ", 0, 7) ? v.substring(7) : v).orElse(null);
    return cache.refreshIfCurrent(sent);
  }

  /**
   * Asks the token endpoint for a token: by default a form POST of {@link #tokenForm()} (RFC 6749). A service that
   * takes the grant in the query string of a GET (Marketo's Identity service) overrides this.
   */
  protected TokenResponse requestToken(TokenEndpoint endpoint) {
    return endpoint.fetch(tokenForm(), tokenHeaders());
  }

  private TokenResponse fetchToken() {
    TokenResponse r = requestToken(endpoint);
    accepted(r);
    return r;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{" + endpoint + "}";
  }
}
