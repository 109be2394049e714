package io.tributary.auth;

import io.tributary.http.HttpCall;
import io.tributary.http.HttpSettings;
import io.tributary.http.ResilientHttpClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs a form to an OAuth 2.0 token URL through its own {@link ResilientHttpClient} (transient failures are
 * retried; 4xx become AUTH failures with a fix hint) and parses the answer.
 */
public final class TokenEndpoint {

  private final ResilientHttpClient client;
  private final URI tokenUri;

  public TokenEndpoint(ResilientHttpClient client, URI tokenUri) {
    this.client = client;
    this.tokenUri = tokenUri;
  }

  /** A token endpoint with default settings: 4 attempts, 30 s timeout. */
  public static TokenEndpoint create(String platform, URI tokenUri) {
    return create(HttpSettings.defaults(platform, tokenUri)
        .withRetry(4, Duration.ofSeconds(1), Duration.ofSeconds(20))
        .withOverrides(Map.of("read_timeout", "30s")), tokenUri);
  }

  /** A token endpoint with the given settings (e.g. short backoffs in tests); the token error rules apply. */
  public static TokenEndpoint create(HttpSettings settings, URI tokenUri) {
    return new TokenEndpoint(ResilientHttpClient.builder(settings).classifier(new TokenErrorClassifier()).build(),
        tokenUri);
  }

  public URI uri() {
    return tokenUri;
  }

  /** Sends the form (and extra headers, e.g. Basic client authentication) and parses the token response. */
  public TokenResponse fetch(Map<String, String> form, Map<String, String> headers) {
    HttpCall call = HttpCall.post(tokenUri.toString()).form(form).header("Accept", "application/json");
    for (var h : headers.entrySet()) {
      call = call.header(h.getKey(), h.getValue());
    }
    return TokenResponse.parse(client.settings().platform(), client.sendForText(call));
  }

  /**
   * GETs the token URL with the grant as query parameters (Marketo's Identity service documents this form) and
   * parses the answer. The client's request log masks secret-named parameters.
   */
  public TokenResponse fetchWithQuery(Map<String, String> params) {
    HttpCall call = HttpCall.get(tokenUri.toString()).header("Accept", "application/json");
    for (var p : params.entrySet()) {
      call = call.query(p.getKey(), p.getValue());
    }
    return TokenResponse.parse(client.settings().platform(), client.sendForText(call));
  }

  @Override
  public String toString() {
    return "TokenEndpoint{" + tokenUri.getHost() + tokenUri.getRawPath() + "}";
  }
}
