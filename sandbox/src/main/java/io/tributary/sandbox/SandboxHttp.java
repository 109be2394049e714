package io.tributary.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small response and request helpers shared by the platform routes. */
public final class SandboxHttp {

  private SandboxHttp() {}

  /** Sends a complete small response and closes the exchange. */
  public static void send(HttpExchange exchange, VendorResponse response) throws IOException {
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  /** Reads the whole (small) request body. */
  public static String body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Decodes {@code a=1&b=2} (query strings and form bodies). */
  public static Map<String, String> form(String encoded) {
    Map<String, String> out = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return out;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  /** The exact {@code Authorization} header value a client sends for HTTP Basic with these credentials. */
  public static String basicAuthorization(String user, String password) {
    return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The {@code user:password} pair of an {@code Authorization: Basic ...} header as a two-element array, or null when
   * the header is absent, another scheme or not valid base64. The password may be empty; a pair without a colon has
   * an empty password.
   */
  public static String[] basicCredentials(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String pair;
    try {
      pair = new String(java.util.Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = pair.indexOf(':');
    return colon < 0 ? new String[] {pair, ""} : new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
  }

  /**
   * For the {@code malformed} fault of simulators whose records are flat JSON objects in an array: the first record's
   * {@code field} (a date or number) gets a value of the wrong type, or, when the record has no such field (or
   * {@code field} is null), the record becomes a bare string. A reader must quarantine it, never drop it. Returns the
   * array.
   */
  public static ArrayNode corruptFirst(ArrayNode records, boolean corrupt, String field) {
    return corruptAt(records, corrupt, field, 0);
  }

  /**
   * As {@link #corruptFirst}, for the record in the middle of the page: for an API a client pages from an inclusive
   * lower bound, whose first record is the last one of the previous page read again, this keeps the corrupt record
   * one the client has not read before.
   */
  public static ArrayNode corruptMiddle(ArrayNode records, boolean corrupt, String field) {
    return corruptAt(records, corrupt, field, records.size() >= 3 ? records.size() / 2 : 0);
  }

  private static ArrayNode corruptAt(ArrayNode records, boolean corrupt, String field, int i) {
    if (corrupt && !records.isEmpty()) {
      if (field != null && records.get(i) instanceof ObjectNode record && record.has(field)) {
        record.put(field, "#corrupt-value");
      } else {
        records.set(i, TextNode.valueOf("#corrupt-record"));
      }
    }
    return records;
  }

  /** The decoded query parameters of a request. */
  public static Map<String, String> query(HttpExchange exchange) {
    return form(exchange.getRequestURI().getRawQuery());
  }
}
