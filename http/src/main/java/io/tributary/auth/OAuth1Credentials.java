package io.tributary.auth;

/**
 * OAuth 1.0a token-based credentials (NetSuite TBA), already resolved from SecretRefs. {@code realm} is the
 * account id as NetSuite writes it (e.g. {@code 123456_SB1}). {@link #toString()} shows the realm only.
 */
public record OAuth1Credentials(String consumerKey, String consumerSecret, String token, String tokenSecret,
    String realm) {

  @Override
  public String toString() {
    return "OAuth1Credentials{realm=" + realm + "}";
  }
}
