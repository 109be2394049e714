package io.tributary.auth;

import io.tributary.http.AuthProvider;
import java.net.URI;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * OAuth 1.0a with HMAC-SHA256, as NetSuite Token-Based Authentication requires (SHA-1 ended with 2023.1). Every
 * attempt is signed anew with a fresh nonce and timestamp. The header carries {@code realm} (the account id),
 * which is not signed.
 */
public final class OAuth1Auth implements AuthProvider {

  private static final String NONCE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final OAuth1Credentials credentials;
  private final Supplier<String> nonces;
  private final LongSupplier epochSeconds;

  public OAuth1Auth(OAuth1Credentials credentials) {
    this(credentials, OAuth1Auth::randomNonce, () -> System.currentTimeMillis() / 1000);
  }

  /** With injected nonce and timestamp sources (tests). */
  public OAuth1Auth(OAuth1Credentials credentials, Supplier<String> nonces, LongSupplier epochSeconds) {
    this.credentials = credentials;
    this.nonces = nonces;
    this.epochSeconds = epochSeconds;
  }

  @Override
  public void apply(HttpRequest.Builder request, String method, URI uri, Map<String, String> formFields) {
    request.setHeader("Authorization", authorizationHeader(method, uri, formFields));
  }

  /** The full {@code OAuth realm="...",oauth_...} header value for one request. */
  public String authorizationHeader(String method, URI uri, Map<String, String> formFields) {
    Map<String, String> oauth = new LinkedHashMap<>();
    oauth.put("oauth_consumer_key", credentials.consumerKey());
    oauth.put("oauth_token", credentials.token());
    oauth.put("oauth_signature_method", "HMAC-SHA256");
    oauth.put("oauth_timestamp", Long.toString(epochSeconds.getAsLong()));
    oauth.put("oauth_nonce", nonces.get());
    oauth.put("oauth_version", "1.0");
    String base = OAuth1Signer.baseString(method, uri, oauth, formFields);
    oauth.put("oauth_signature", OAuth1Signer.signature(base, credentials.consumerSecret(), credentials.tokenSecret()));
    StringBuilder header = new StringBuilder("OAuth realm=\"").append(credentials.realm()).append('"');
    oauth.forEach((k, v) -> header.append(',').append(k).append("=\"").append(OAuth1Signer.encode(v)).append('"'));
    return header.toString();
  }

  static String randomNonce() {
    StringBuilder sb = new StringBuilder(20);
    for (int i = 0; i < 20; i++) {
      sb.append(NONCE_CHARS.charAt(RANDOM.nextInt(NONCE_CHARS.length())));
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "OAuth1Auth{" + credentials + "}";
  }
}
