package io.tributary.core;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets before anything reaches a log line or an exception message: credential headers, and query
 * parameters, form fields and JSON fields whose name looks like a token, secret, password, signature or API key.
 */
public final class Redactor {

  public static final String MASK = "***";

  private static final Set<String> SECRET_HEADERS = Set.of(
      "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key", "x-auth-token");
  private static final Set<String> EXACT_NAMES = Set.of("sig", "hapikey", "apikey", "api_key", "assertion");
  private static final List<String> NAME_PARTS = List.of("token", "secret", "password", "passwd", "signature",
      "apikey", "api_key", "api-key", "assertion", "credential");
  private static final Pattern JSON_FIELD =
      Pattern.compile("(\"([^\"\\\\]{1,64})\"\\s*:\\s*)\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern PAIR = Pattern.compile("(^|[?&;\\s,\"(])([A-Za-z0-9_.\\-]{1,64})=([^&;\\s,\"]*)");
  private static final Pattern BEARER = Pattern.compile("(?i)\\b(Bearer|Basic|OAuth)\\s+[A-Za-z0-9._~+/=\\-]{6,}");

  private Redactor() {}

  /** True when a parameter or field with this name holds a secret. */
  public static boolean isSecretName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (EXACT_NAMES.contains(n)) {
      return true;
    }
    for (String part : NAME_PARTS) {
      if (n.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /** The URI with secret query values masked. */
  public static String url(URI uri) {
    if (uri == null) {
      return "";
    }
    String raw = uri.toString();
    int q = raw.indexOf('?');
    return q < 0 ? raw : raw.substring(0, q + 1) + form(raw.substring(q + 1));
  }

  /** The URI's path only: what exception messages carry. */
  public static String path(URI uri) {
    String p = uri == null ? null : uri.getRawPath();
    return p == null || p.isEmpty() ? "/" : p;
  }

  /** An {@code a=b&c=d} string with secret values masked. */
  public static String form(String form) {
    if (form == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (String pair : form.split("&", -1)) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      sb.append(sb.length() == 0 ? "" : "&");
      sb.append(eq >= 0 && isSecretName(decode(name)) ? name + "=" + MASK : pair);
    }
    return sb.toString();
  }

  /** JSON text with the string values of secret-named fields masked. */
  public static String json(String json) {
    if (json == null) {
      return null;
    }
    Matcher m = JSON_FIELD.matcher(json);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String replacement = isSecretName(m.group(2)) ? m.group(1) + "\"" + MASK + "\"" : m.group(0);
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Free text (error bodies, messages): JSON fields, {@code name=value} pairs and bearer credentials masked. */
  public static String text(String text) {
    if (text == null) {
      return null;
    }
    String masked = json(text);
    Matcher m = PAIR.matcher(masked);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String replacement = isSecretName(m.group(2)) ? m.group(1) + m.group(2) + "=" + MASK : m.group(0);
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return BEARER.matcher(sb.toString()).replaceAll("$1 " + MASK);
  }

  /** Headers for a debug line, credentials masked, names sorted. */
  public static Map<String, String> headers(HttpHeaders headers) {
    Map<String, String> out = new TreeMap<>();
    headers.map().forEach((name, values) -> out.put(name,
        SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)) || isSecretName(name)
            ? MASK : String.join(", ", values)));
    return out;
  }

  private static String decode(String s) {
    try {
      return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
