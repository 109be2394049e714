package io.tributary.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** How an OAuth client authenticates at the token endpoint (RFC 6749 §2.3.1). */
public enum ClientAuthMethod {
  /** client_id and client_secret in the form body. */
  CLIENT_SECRET_POST,
  /** HTTP Basic with the form-encoded client id and secret. */
  CLIENT_SECRET_BASIC;

  void apply(Map<String, String> form, Map<String, String> headers, String clientId, String clientSecret) {
    if (this == CLIENT_SECRET_POST || clientSecret == null) {
      form.put("client_id", clientId);
      if (clientSecret != null) {
        form.put("client_secret", clientSecret);
      }
      return;
    }
    String pair = enc(clientId) + ":" + enc(clientSecret);
    headers.put("Authorization",
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
