package io.tributary.auth;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 5849 §3.4 signature base string and HMAC-SHA256 signature. The base string holds the method, the URL without
 * query, and every query parameter, form field and oauth_* parameter (realm excluded), percent-encoded and sorted.
 */
public final class OAuth1Signer {

  private OAuth1Signer() {}

  public static String baseString(String method, URI uri, Map<String, String> oauthParams,
      Map<String, String> formFields) {
    List<String[]> params = new ArrayList<>();
    String query = uri.getRawQuery();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        params.add(new String[] {
            encode(decode(eq < 0 ? pair : pair.substring(0, eq))), encode(eq < 0 ? "" : decode(pair.substring(eq + 1)))});
      }
    }
    formFields.forEach((k, v) -> params.add(new String[] {encode(k), encode(v)}));
    oauthParams.forEach((k, v) -> {
      if (!k.equals("realm") && !k.equals("oauth_signature")) {
        params.add(new String[] {encode(k), encode(v)});
      }
    });
    params.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder normalized = new StringBuilder();
    for (String[] p : params) {
      normalized.append(normalized.length() == 0 ? "" : "&").append(p[0]).append('=').append(p[1]);
    }
    return method.toUpperCase(Locale.ROOT) + "&" + encode(baseUrl(uri)) + "&" + encode(normalized.toString());
  }

  /** Base64 HMAC-SHA256 of the base string with key {@code enc(consumerSecret)&enc(tokenSecret)}. */
  public static String signature(String baseString, String consumerSecret, String tokenSecret) {
    String key = encode(consumerSecret) + "&" + encode(tokenSecret == null ? "" : tokenSecret);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** RFC 3986 percent-encoding: everything but ALPHA, DIGIT, '-', '.', '_', '~'. */
  public static String encode(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  /** Scheme and host lower-cased, default port dropped, path kept, query and fragment dropped (§3.4.1.2). */
  static String baseUrl(URI uri) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
