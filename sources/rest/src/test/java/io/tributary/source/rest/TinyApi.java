package io.tributary.source.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny loopback "notes" API for the engine's tests, serving one in-memory list in five paging styles:
 * {@code /link} (Link header), {@code /next} (next URL in the body), {@code /token} (cursor token), {@code /offset}
 * (offset and total) and {@code /page} (page number and has_more); {@code /fields} lists the fields and their kinds. Every style filters {@code updated_since} (at or
 * after) and wants the API key {@code test-key} in {@code X-Api-Key}. Independent of the engine: it knows only its
 * own wire format.
 */
final class TinyApi implements AutoCloseable {

  static final String KEY = "test-key";
  static final Instant BASE = Instant.parse("2025-01-01T00:00:00Z");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<Map<String, Object>> notes = new CopyOnWriteArrayList<>();
  final List<String> requests = new CopyOnWriteArrayList<>();

  TinyApi(int rows) throws IOException {
    for (int i = 1; i <= rows; i++) {
      notes.add(note(i, BASE.plusSeconds(60L * i), "note " + i));
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  static Map<String, Object> note(long id, Instant updated, String title) {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("id", id);
    n.put("title", title);
    n.put("updated_at", updated.toString());
    Map<String, Object> author = new LinkedHashMap<>(); // ordered: the inferred schema's column order is asserted
    author.put("name", "ann");
    author.put("team", "docs");
    n.put("author", author);
    n.put("tags", List.of("a", "b"));
    return n;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Changes a note (a new title, updated at {@code when}). */
  void touch(int id, Instant when) {
    notes.set(id - 1, note(id, when, "note " + id + " changed"));
  }

  void add(Instant when) {
    notes.add(note(notes.size() + 1, when, "note " + (notes.size() + 1)));
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      requests.add(ex.getRequestURI().toString());
      if (!KEY.equals(ex.getRequestHeaders().getFirst("X-Api-Key"))) {
        send(ex, 401, Map.of("error", Map.of("code", "unauthorized", "message", "API key is missing or invalid")),
            null);
        return;
      }
      Map<String, String> q = query(ex.getRequestURI().getRawQuery());
      List<Map<String, Object>> rows = new ArrayList<>();
      String since = q.get("updated_since");
      for (Map<String, Object> n : notes) {
        if (since == null || Instant.parse((String) n.get("updated_at")).compareTo(Instant.parse(since)) >= 0) {
          rows.add(n);
        }
      }
      String path = ex.getRequestURI().getPath();
      switch (path) {
        case "/link", "/page", "/next" -> {
          int size = Integer.parseInt(q.getOrDefault("per_page", "10"));
          int page = Integer.parseInt(q.getOrDefault("page", "1"));
          List<Map<String, Object>> slice = slice(rows, (page - 1) * size, size);
          boolean more = page * size < rows.size();
          String next = path + "?page=" + (page + 1) + "&per_page=" + size
              + (since == null ? "" : "&updated_since=" + since);
          if (path.equals("/link")) {
            send(ex, 200, slice, more ? "<" + baseUrl() + next + ">; rel=\"next\"" : null);
          } else if (path.equals("/page")) {
            send(ex, 200, Map.of("records", slice, "has_more", more), null);
          } else {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("items", slice);
            body.put("next", more ? next : null);
            send(ex, 200, body, null);
          }
        }
        case "/token" -> {
          int size = Integer.parseInt(q.getOrDefault("limit", "10"));
          int from = q.containsKey("cursor")
              ? Integer.parseInt(new String(Base64.getDecoder().decode(q.get("cursor")), StandardCharsets.UTF_8)) : 0;
          List<Map<String, Object>> slice = slice(rows, from, size);
          String token = from + size < rows.size()
              ? Base64.getEncoder().encodeToString(Integer.toString(from + size).getBytes(StandardCharsets.UTF_8))
              : "";
          send(ex, 200, Map.of("data", slice, "meta", Map.of("next_cursor", token)), null);
        }
        case "/offset" -> {
          int size = Integer.parseInt(q.getOrDefault("limit", "10"));
          int offset = Integer.parseInt(q.getOrDefault("offset", "0"));
          send(ex, 200, Map.of("results", slice(rows, offset, size), "total", rows.size()), null);
        }
        // The API's field metadata, as a platform's "describe" endpoint lists it.
        case "/fields" -> send(ex, 200, Map.of("fields", List.of(Map.of("name", "id", "kind", "int"),
            Map.of("name", "title", "kind", "text"), Map.of("name", "updated_at", "kind", "datetime"),
            Map.of("name", "tags", "kind", "array"))), null);
        default -> send(ex, 404, Map.of("error", Map.of("code", "not_found", "message", "no route " + path)), null);
      }
    }
  }

  private static List<Map<String, Object>> slice(List<Map<String, Object>> rows, int from, int size) {
    return from >= rows.size() ? List.of() : rows.subList(from, Math.min(rows.size(), from + size));
  }

  private static void send(HttpExchange ex, int status, Object body, String link) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    if (link != null) {
      ex.getResponseHeaders().add("Link", link);
    }
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
