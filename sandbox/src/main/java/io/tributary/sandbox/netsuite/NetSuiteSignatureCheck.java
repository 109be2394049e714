package io.tributary.sandbox.netsuite;

import io.tributary.auth.OAuth1Signer;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies a TBA {@code Authorization: OAuth realm="..",oauth_...} header the way NetSuite does: realm is the
 * account, the consumer key and token are known, the method is HMAC-SHA256, the nonce is new, and the signature
 * matches the RFC 5849 base string of the request URL (query parameters such as limit and offset included).
 */
final class NetSuiteSignatureCheck {

  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final NetSuiteSandboxSettings settings;
  private final Set<String> nonces = ConcurrentHashMap.newKeySet();

  NetSuiteSignatureCheck(NetSuiteSandboxSettings settings) {
    this.settings = settings;
  }

  /** True when the request is signed correctly; {@code url} is the absolute URL the client requested. */
  boolean verify(String method, URI url, String header) {
    if (header == null || !header.startsWith("OAuth ")) {
      return false;
    }
    Map<String, String> p = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(header.substring(6));
    while (m.find()) {
      p.put(m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
    }
    if (!settings.account().equals(p.get("realm")) || !settings.consumerKey().equals(p.get("oauth_consumer_key"))
        || !settings.tokenId().equals(p.get("oauth_token"))
        || !"HMAC-SHA256".equals(p.get("oauth_signature_method")) || p.get("oauth_signature") == null
        || p.get("oauth_nonce") == null) {
      return false;
    }
    Map<String, String> signed = new LinkedHashMap<>(p);
    signed.remove("realm");
    String given = signed.remove("oauth_signature");
    String base = OAuth1Signer.baseString(method, url, signed, Map.of());
    String expected = OAuth1Signer.signature(base, settings.consumerSecret(), settings.tokenSecret());
    return expected.equals(given) && nonces.add(p.get("oauth_nonce") + "|" + p.get("oauth_timestamp"));
  }
}
