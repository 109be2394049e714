package io.tributary.source.marketo;

import io.tributary.auth.TokenCache;
import io.tributary.auth.TokenResponse;
import io.tributary.http.AuthProvider;
import io.tributary.http.HttpCall;
import io.tributary.http.HttpSettings;
import io.tributary.http.ResilientHttpClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Marketo's Identity service: a client-credentials token from {@code GET <identity>/oauth/token?grant_type=
 * client_credentials&client_id=..&client_secret=..} (authentication.md), sent as {@code Authorization: Bearer} (the
 * {@code access_token} query parameter is being retired). Tokens live 3,600 s; the cache fetches a new one shortly
 * before {@code expires_in} runs out, and after a 601/602 answer ({@link MarketoErrors}). Thread-safe.
 */
final class MarketoIdentity implements AuthProvider {

  private final ResilientHttpClient client;
  private final String clientId;
  private final String clientSecret;
  private final TokenCache cache;

  MarketoIdentity(URI identityBase, String clientId, String clientSecret, Map<String, Object> httpOverrides,
      Clock clock) {
    HttpSettings settings = HttpSettings.defaults("marketo-identity", identityBase)
        .withRetry(4, Duration.ofSeconds(1), Duration.ofSeconds(20)).withOverrides(httpOverrides);
    MarketoErrors errors = new MarketoErrors(clock);
    this.client = ResilientHttpClient.builder(settings).classifier(errors).bodyErrors(errors).build();
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.cache = new TokenCache(this::fetch, clock, Duration.ofSeconds(60));
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

  /** Fetches a token now (for {@code check}). */
  void verify() {
    cache.current();
  }

  private TokenResponse fetch() {
    // The secret travels in the query string as Marketo documents; the client's request log masks it (Redactor).
    HttpCall call = HttpCall.get("oauth/token").query("grant_type", "client_credentials")
        .query("client_id", clientId).query("client_secret", clientSecret).header("Accept", "application/json");
    return TokenResponse.parse("marketo", client.sendForText(call));
  }

  @Override
  public String toString() {
    return "MarketoIdentity{" + client.settings().baseUri().getHost() + "}";
  }
}
