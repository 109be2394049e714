package io.tributary.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A loopback HTTP server on 127.0.0.1:0 answering each path from a script of responses; records every request. */
public final class LoopbackServer implements AutoCloseable {

  /** What the server saw. */
  public record Seen(String method, URI uri, Map<String, List<String>> headers, String body, long atNanos) {
    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
  }

  /** One scripted answer. */
  @FunctionalInterface
  public interface Responder {
    void respond(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final Map<String, ConcurrentLinkedDeque<Responder>> scripts = new ConcurrentHashMap<>();
  private final Map<String, Responder> fallbacks = new ConcurrentHashMap<>();
  public final List<Seen> seen = new CopyOnWriteArrayList<>();

  public LoopbackServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(pool);
    server.createContext("/", this::dispatch);
    server.start();
  }

  /** Client settings for tests: 5 attempts, 20 ms..200 ms backoff without jitter, 3 s read timeout. */
  public io.tributary.http.HttpSettings fastSettings(String platform) {
    return io.tributary.http.HttpSettings.defaults(platform, uri()).withOverrides(Map.of(
        "max_attempts", 5, "initial_backoff", "20ms", "max_backoff", "200ms", "jitter", 0,
        "read_timeout", "3s", "circuit_minimum_calls", 100, "max_retry_wait", "5s"));
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers the next requests to {@code path} with these responders in order, then with the fallback. */
  public LoopbackServer script(String path, Responder... responders) {
    scripts.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).addAll(List.of(responders));
    return this;
  }

  /** Answers every request to {@code path} that has no scripted responder left. */
  public LoopbackServer always(String path, Responder responder) {
    fallbacks.put(path, responder);
    return this;
  }

  public long count(String path) {
    return seen.stream().filter(s -> s.uri().getPath().equals(path)).count();
  }

  public static Responder status(int status, String body, String... headerPairs) {
    return ex -> {
      for (int i = 0; i < headerPairs.length; i += 2) {
        ex.getResponseHeaders().add(headerPairs[i], headerPairs[i + 1]);
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    };
  }

  public static Responder json(String body, String... headerPairs) {
    String[] all = new String[headerPairs.length + 2];
    all[0] = "Content-Type";
    all[1] = "application/json";
    System.arraycopy(headerPairs, 0, all, 2, headerPairs.length);
    return status(200, body, all);
  }

  private void dispatch(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI(), Map.copyOf(ex.getRequestHeaders()), body,
        System.nanoTime()));
    String path = ex.getRequestURI().getPath();
    ConcurrentLinkedDeque<Responder> script = scripts.get(path);
    Responder r = script == null ? null : script.pollFirst();
    if (r == null) {
      r = fallbacks.getOrDefault(path, status(404, "{\"message\":\"no script for " + path + "\"}"));
    }
    try {
      r.respond(ex);
    } finally {
      ex.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
