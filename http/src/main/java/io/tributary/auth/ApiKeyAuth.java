package io.tributary.auth;

import io.tributary.core.Redactor;

import io.tributary.http.AuthProvider;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A static API key sent as a header (preferred) or a query parameter (legacy APIs such as HubSpot hapikey). */
public final class ApiKeyAuth implements AuthProvider {

  private final String name;
  private final String value;
  private final boolean inQuery;

  private ApiKeyAuth(String name, String value, boolean inQuery) {
    this.name = name;
    this.value = value;
    this.inQuery = inQuery;
  }

  public static ApiKeyAuth header(String headerName, String key) {
    return new ApiKeyAuth(headerName, key, false);
  }

  /** The key as a query parameter; the Redactor masks it in logs when its name looks like a key or token. */
  public static ApiKeyAuth query(String parameterName, String key) {
    return new ApiKeyAuth(parameterName, key, true);
  }

  @Override
  public void apply(HttpRequest.Builder request, String method, URI uri, Map<String, String> formFields) {
    if (!inQuery) {
      request.setHeader(name, value);
      return;
    }
    String param = enc(name) + "=" + enc(value);
    String raw = uri.toString();
    request.uri(URI.create(raw + (uri.getRawQuery() == null ? "?" : "&") + param));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "ApiKeyAuth{" + (inQuery ? "query " : "header ") + name + "}";
  }
}
