package io.tributary.source.marketo;

import io.tributary.auth.OAuthTokenFlow;
import io.tributary.auth.TokenEndpoint;
import io.tributary.auth.TokenResponse;
import io.tributary.http.HttpSettings;
import io.tributary.http.ResilientHttpClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Marketo's Identity service: a client-credentials token from {@code GET <identity>/oauth/token?grant_type=
 * client_credentials&client_id=..&client_secret=..} (authentication.md), sent as {@code Authorization: Bearer} (the
 * {@code access_token} query parameter is being retired). Tokens live 3,600 s; the flow fetches a new one shortly
 * before {@code expires_in} runs out, and after a 601/602 answer ({@link MarketoErrors}). Thread-safe.
 */
final class MarketoIdentity extends OAuthTokenFlow {

  private final String clientId;
  private final String clientSecret;

  MarketoIdentity(URI identityBase, String clientId, String clientSecret, Map<String, Object> httpOverrides,
      Clock clock) {
    super(endpoint(identityBase, httpOverrides, clock), clock);
    this.clientId = clientId;
    this.clientSecret = clientSecret;
  }

  /** The Identity service through a client that knows Marketo's error bodies (a 606 answers with HTTP 200). */
  private static TokenEndpoint endpoint(URI identityBase, Map<String, Object> httpOverrides, Clock clock) {
    URI tokenUri = URI.create(identityBase.toString().replaceAll("/+$", "") + "/oauth/token");
    HttpSettings settings = HttpSettings.defaults("marketo-identity", tokenUri)
        .withRetry(4, Duration.ofSeconds(1), Duration.ofSeconds(20)).withOverrides(httpOverrides);
    MarketoErrors errors = new MarketoErrors(clock);
    return new TokenEndpoint(ResilientHttpClient.builder(settings).classifier(errors).bodyErrors(errors).build(),
        tokenUri);
  }

  @Override
  protected Map<String, String> tokenForm() {
    Map<String, String> grant = new LinkedHashMap<>();
    grant.put("grant_type", "client_credentials");
    grant.put("client_id", clientId);
    grant.put("client_secret", clientSecret);
    return grant;
  }

  @Override
  protected TokenResponse requestToken(TokenEndpoint endpoint) {
    return endpoint.fetchWithQuery(tokenForm());
  }
}
