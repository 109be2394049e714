package io.tributary.http;

import static io.tributary.http.LoopbackServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.TributaryException;
import io.tributary.core.TributaryException.Kind;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("sandbox")
class ResilientHttpClientFeaturesTest {

  private LoopbackServer server;

  @BeforeEach
  void start() throws Exception {
    server = new LoopbackServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void rateLimiterCapsCallsPerPeriodAndIsSharedPerAccount() {
    server.always("/q", json("{}"));
    HttpSettings s = server.fastSettings("ratetest").withRateLimit(2, Duration.ofMillis(500));
    String account = "acct-" + System.nanoTime();
    ResilientHttpClient a = ResilientHttpClient.builder(s).account(account).build();
    ResilientHttpClient b = ResilientHttpClient.builder(s).account(account).build();
    assertThat(SharedRateLimiters.forAccount(s, account)).isSameAs(SharedRateLimiters.forAccount(s, account));
    for (int i = 0; i < 3; i++) {
      a.sendForText(HttpCall.get("/q"));
      b.sendForText(HttpCall.get("/q"));
    }
    List<Long> at = server.seen.stream().map(LoopbackServer.Seen::atNanos).toList();
    // 2 permits per 500 ms cycle: calls 1 and 5 are at least two cycles apart, so >= 500 ms between them
    assertThat((at.get(4) - at.get(0)) / 1_000_000).isGreaterThanOrEqualTo(490);
    assertThat((at.get(2) - at.get(0)) / 1_000_000).isGreaterThan(0);
  }

  @Test
  void quotaMonitorReturnsTheResponseThenStopsTheNextCall() {
    server.script("/q", json("{\"n\":1}", "Sforce-Limit-Info", "api-usage=18/5000"),
        json("{\"n\":2}", "Sforce-Limit-Info", "api-usage=4550/5000"), json("{\"n\":3}"));
    ResilientHttpClient client = ResilientHttpClient.builder(server.fastSettings("salesforce"))
        .quotaMonitor(QuotaMonitor.usageHeader("Sforce-Limit-Info", "api-usage", "daily API quota")).build();
    assertThat(client.sendForText(HttpCall.get("/q"))).isEqualTo("{\"n\":1}");
    assertThat(client.sendForText(HttpCall.get("/q"))).isEqualTo("{\"n\":2}");
    assertThatThrownBy(() -> client.sendForText(HttpCall.get("/q")))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.QUOTA);
          assertThat(e.getMessage()).isEqualTo(
              "salesforce daily API quota 91% used (4550/5000); stopping with the cursor saved");
          assertThat(e.hint()).contains("raise quota_stop_share");
        });
    assertThat(server.count("/q")).isEqualTo(2);
  }

  @Test
  void gzipBodiesAreDecodedAndAcceptEncodingSent() throws Exception {
    byte[] gz = gzip("{\"hello\":\"wörld\"}");
    server.script("/q", ex -> {
      ex.getResponseHeaders().add("Content-Encoding", "gzip");
      ex.sendResponseHeaders(200, gz.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(gz);
      }
    });
    ResilientHttpClient client = ResilientHttpClient.builder(server.fastSettings("gz")).build();
    assertThat(client.sendForText(HttpCall.get("/q"))).isEqualTo("{\"hello\":\"wörld\"}");
    assertThat(server.seen.get(0).header("Accept-Encoding")).isEqualTo("gzip");
  }

  @Test
  void openStreamsALargeGzipCsvLineByLine() throws Exception {
    StringBuilder csv = new StringBuilder("Id,Name\n");
    int rows = 200_000;
    for (int i = 0; i < rows; i++) {
      csv.append("001").append(i).append(",Account ").append(i).append('\n');
    }
    byte[] gz = gzip(csv.toString());
    server.always("/results", ex -> {
      ex.getResponseHeaders().add("Content-Encoding", "gzip");
      ex.getResponseHeaders().add("Sforce-Locator", "null");
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        for (int off = 0; off < gz.length; off += 8192) {
          out.write(gz, off, Math.min(8192, gz.length - off));
        }
      }
    });
    ResilientHttpClient client = ResilientHttpClient.builder(server.fastSettings("gz")).build();
    long lines = 0;
    String last = null;
    try (StreamedResponse r = client.open(HttpCall.get("/results"));
        BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      assertThat(r.headers().firstValue("Sforce-Locator")).contains("null");
      for (String line; (line = reader.readLine()) != null; ) {
        lines++;
        last = line;
      }
    }
    assertThat(lines).isEqualTo(rows + 1);
    assertThat(last).isEqualTo("001" + (rows - 1) + ",Account " + (rows - 1));
  }

  @Test
  void circuitOpensAfterRepeatedTransientFailures() {
    server.always("/q", LoopbackServer.status(500, "boom"));
    HttpSettings s = server.fastSettings("cb").withOverrides(java.util.Map.of(
        "circuit_minimum_calls", 4, "circuit_failure_rate", 50, "max_attempts", 2, "circuit_open_wait", "60s"));
    ResilientHttpClient client = ResilientHttpClient.builder(s).build();
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> client.sendForText(HttpCall.get("/q"))).hasMessageContaining("HTTP 500");
    }
    assertThatThrownBy(() -> client.sendForText(HttpCall.get("/q")))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
          assertThat(e.getMessage()).isEqualTo("cb GET /q: circuit breaker is open after repeated transient failures");
        });
    assertThat(server.count("/q")).isEqualTo(4);
  }

  private static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
