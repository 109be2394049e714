package io.tributary.source.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tributary.core.Cursor;
import io.tributary.core.JobContext;
import io.tributary.core.Page;
import io.tributary.core.Source;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A definition's {@code rate_limit.concurrency} and rate-limit headers against a loopback API that counts what it
 * sees: requests in flight at once, and 429s it had to send because a client went past the budget its headers
 * announced (3 requests per second, {@code X-RateLimit-Limit} / {@code X-RateLimit-Remaining} on every success,
 * {@code Retry-After} on a 429). Each check also runs without the setting, to show the server does notice.
 */
@Tag("sandbox")
class RateLimitHeadersAndConcurrencyTest {

  private static final int BUDGET = 3;

  @TempDir
  Path dir;
  private HttpServer server;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicInteger throttled = new AtomicInteger();
  private final Deque<Long> window = new ArrayDeque<>();

  @BeforeEach
  void start() throws IOException {
    RequestGate.clear();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.createContext("/slow", this::slow);
    server.createContext("/budget", this::budget);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    RequestGate.clear();
  }

  private void slow(HttpExchange ex) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      Thread.sleep(150);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    inFlight.decrementAndGet();
    send(ex, 200, "[{\"id\": 1}]", Map.of());
  }

  /** Pages 1..6 of one record each; 3 requests per rolling second, the 4th gets a 429. */
  private void budget(HttpExchange ex) throws IOException {
    long now = System.nanoTime();
    int remaining;
    synchronized (window) {
      while (!window.isEmpty() && window.peekFirst() <= now - 1_000_000_000L) {
        window.pollFirst();
      }
      if (window.size() >= BUDGET) {
        throttled.incrementAndGet();
        send(ex, 429, "{\"message\": \"Too Many Requests\"}", Map.of("Retry-After", "1"));
        return;
      }
      window.addLast(now);
      remaining = BUDGET - window.size();
    }
    String q = ex.getRequestURI().getQuery();
    int page = q != null && q.startsWith("page=") ? Integer.parseInt(q.substring(5)) : 1;
    send(ex, 200, "{\"records\": [{\"id\": " + page + "}], \"has_more\": " + (page < 6) + "}",
        Map.of("X-RateLimit-Limit", Integer.toString(BUDGET), "X-RateLimit-Remaining", Integer.toString(remaining)));
  }

  private static void send(HttpExchange ex, int status, String body, Map<String, String> headers)
      throws IOException {
    try (ex) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(status, bytes.length);
      ex.getResponseBody().write(bytes);
    }
  }

  private Path definition(String name, String rateLimit) throws IOException {
    return Files.writeString(dir.resolve(name + ".yml"), """
        name: %s
        config:
          - { name: base_url, default: "http://localhost" }
        base_url: "{{config.base_url}}"
        %s
        streams:
          slow: { path: /slow, primary_key: [id], paging: { type: none } }
          budget:
            path: /budget
            records: /records
            primary_key: [id]
            paging: { type: page, page_param: page, has_more: /has_more }
        """.formatted(name, rateLimit));
  }

  private Source source(Path def) {
    String name = def.getFileName().toString().replace(".yml", "");
    Map<String, Object> block = Map.of("definition", def.toString(), "base_url",
        "http://127.0.0.1:" + server.getAddress().getPort(),
        "http", Map.of("initial_backoff", "10ms", "max_attempts", 10));
    return new RestSourceProvider().create(block, new JobContext(name, dir.resolve("job.yml"), dir));
  }

  private static List<Page> readAll(Source source, String stream) {
    return ShippedSources.pages(source, ShippedSources.stream(stream, List.of("id"), List.of(), null), Cursor.START, 10);
  }

  private int maxInFlightOfEightParallelReads(String name, String rateLimit) throws Exception {
    maxInFlight.set(0);
    Path def = definition(name, rateLimit);
    var pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<Page>>> reads = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        reads.add(pool.submit(() -> {
          try (Source s = source(def)) {
            return readAll(s, "slow");
          }
        }));
      }
      for (Future<List<Page>> f : reads) {
        assertThat(f.get().get(0).records()).hasSize(1);
      }
    } finally {
      pool.shutdown();
    }
    return maxInFlight.get();
  }

  @Test
  void concurrencyCapsTheRequestsInFlightAcrossSourcesOfOneApi() throws Exception {
    assertThat(maxInFlightOfEightParallelReads("capped", "rate_limit: { concurrency: 2 }")).isEqualTo(2);
    assertThat(maxInFlightOfEightParallelReads("uncapped", "")).as("without the cap").isGreaterThan(2);
  }

  @Test
  void theRemainingHeaderSlowsTheClientDownBeforeThePlatformAnswers429() throws Exception {
    try (Source s = source(definition("paced", "rate_limit: { per: 1s, limit_header: X-RateLimit-Limit,"
        + " remaining_header: X-RateLimit-Remaining }"))) {
      List<Page> pages = readAll(s, "budget");
      assertThat(pages.stream().mapToInt(p -> p.records().size()).sum()).isEqualTo(6);
    }
    assertThat(throttled.get()).as("429s sent to a client that reads the headers").isZero();

    synchronized (window) {
      window.clear();
    }
    try (Source s = source(definition("unpaced", ""))) {
      assertThat(readAll(s, "budget").stream().mapToInt(p -> p.records().size()).sum()).isEqualTo(6);
    }
    assertThat(throttled.get()).as("429s sent to a client that ignores them (then retried)").isPositive();
  }
}
