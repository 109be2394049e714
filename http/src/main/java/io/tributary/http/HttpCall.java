package io.tributary.http;

import io.tributary.core.Redactor;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One request, described so it can be sent again on retry and signed (OAuth 1.0a needs the query and form
 * parameters). Immutable; build with {@link #get(String)}, {@link #post(String)} or {@link #of(String, String)}.
 *
 * <p>A target starting with {@code http://} or {@code https://} is absolute; one starting with {@code /} replaces
 * the base URI's path (e.g. Salesforce {@code nextRecordsUrl} against {@code instance_url}); anything else is
 * appended to the base URI's path.
 */
public final class HttpCall {

  private final String method;
  private final String target;
  private final Map<String, String> query;
  private final Map<String, String> headers;
  private final Map<String, String> form;
  private final byte[] body;
  private final boolean repeatable;

  private HttpCall(String method, String target, Map<String, String> query, Map<String, String> headers,
      Map<String, String> form, byte[] body) {
    this(method, target, query, headers, form, body, true);
  }

  private HttpCall(String method, String target, Map<String, String> query, Map<String, String> headers,
      Map<String, String> form, byte[] body, boolean repeatable) {
    this.method = method;
    this.target = target;
    this.query = query;
    this.headers = headers;
    this.form = form;
    this.body = body;
    this.repeatable = repeatable;
  }

  public static HttpCall of(String method, String target) {
    return new HttpCall(method, target, Map.of(), Map.of(), Map.of(), null);
  }

  public static HttpCall get(String target) {
    return of("GET", target);
  }

  public static HttpCall post(String target) {
    return of("POST", target);
  }

  /** Adds a query parameter (percent-encoded here; pass the raw value). */
  public HttpCall query(String name, Object value) {
    return new HttpCall(method, target, plus(query, name, String.valueOf(value)), headers, form, body, repeatable);
  }

  public HttpCall header(String name, String value) {
    return new HttpCall(method, target, query, plus(headers, name, value), form, body, repeatable);
  }

  /** An {@code application/x-www-form-urlencoded} body; the fields are passed to the AuthProvider for signing. */
  public HttpCall form(Map<String, String> fields) {
    Map<String, String> copy = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    return new HttpCall(method, target, query, plus(headers, "Content-Type", "application/x-www-form-urlencoded"),
        copy, encode(copy).getBytes(StandardCharsets.UTF_8), repeatable);
  }

  /** A JSON body (already serialized). */
  public HttpCall json(String json) {
    return new HttpCall(method, target, query, plus(headers, "Content-Type", "application/json"), Map.of(),
        json.getBytes(StandardCharsets.UTF_8), repeatable);
  }

  /** A raw body with its content type. */
  public HttpCall body(String contentType, byte[] bytes) {
    return new HttpCall(method, target, query, plus(headers, "Content-Type", contentType), Map.of(), bytes.clone(),
        repeatable);
  }

  /**
   * Marks a non-idempotent call (a create): it is retried only when the platform surely did not process it (429,
   * 503, connection refused). After an ambiguous failure (500, 502, 504, timeout, reset) it fails at once as
   * TRANSIENT, so the caller can look up whether the first attempt took effect instead of creating a duplicate.
   */
  public HttpCall notRepeatable() {
    return new HttpCall(method, target, query, headers, form, body, false);
  }

  /** False for calls marked {@link #notRepeatable()}. */
  public boolean repeatable() {
    return repeatable;
  }

  public String method() {
    return method;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public Map<String, String> formFields() {
    return form;
  }

  byte[] bodyBytes() {
    return body;
  }

  /** The absolute URI of this call against a base (which may be null for absolute targets). */
  public URI resolve(URI base) {
    String t = target;
    if (!(t.startsWith("http://") || t.startsWith("https://"))) {
      if (base == null) {
        throw new IllegalStateException("relative target " + t + " needs a base URI");
      }
      String b = base.toString().replaceAll("/+$", "");
      t = t.startsWith("/") ? base.resolve(t).toString() : b + "/" + t;
    }
    if (query.isEmpty()) {
      return URI.create(t);
    }
    return URI.create(t + (t.contains("?") ? "&" : "?") + encode(query));
  }

  /** {@code a=b&c=d} with RFC 3986 percent-encoding (spaces as %20). */
  public static String encode(Map<String, String> params) {
    StringJoiner j = new StringJoiner("&");
    params.forEach((k, v) -> j.add(pct(k) + "=" + pct(v)));
    return j.toString();
  }

  static String pct(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
        .replace("%7E", "~");
  }

  private static Map<String, String> plus(Map<String, String> map, String k, String v) {
    Map<String, String> copy = new LinkedHashMap<>(map);
    copy.put(k, v);
    return Collections.unmodifiableMap(copy);
  }

  @Override
  public String toString() {
    return method + " " + Redactor.path(URI.create(target.replace(" ", "%20").split("\\?")[0]));
  }
}
