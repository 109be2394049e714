package io.tributary.http;

import static io.tributary.http.LoopbackServer.json;
import static io.tributary.http.LoopbackServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.TributaryException;
import io.tributary.core.TributaryException.Kind;
import java.io.OutputStream;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("sandbox")
class ResilientHttpClientRetryTest {

  private LoopbackServer server;
  private SimpleMeterRegistry meters;
  private ResilientHttpClient client;

  @BeforeEach
  void start() throws Exception {
    server = new LoopbackServer();
    meters = new SimpleMeterRegistry();
    client = ResilientHttpClient.builder(fast(server)).meterRegistry(meters).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static HttpSettings fast(LoopbackServer server) {
    return server.fastSettings("testplatform");
  }

  @Test
  void retryAfterSecondsIsWaitedThenSucceeds() {
    server.script("/q", status(429, "{\"message\":\"You have reached your secondly limit.\"}", "Retry-After", "1"),
        json("{\"ok\":1}"));
    long t0 = System.nanoTime();
    String body = client.sendForText(HttpCall.get("/q"));
    long waitedMs = (server.seen.get(1).atNanos() - server.seen.get(0).atNanos()) / 1_000_000;
    assertThat(body).isEqualTo("{\"ok\":1}");
    assertThat(waitedMs).isGreaterThanOrEqualTo(1000);
    assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(4).toNanos());
    assertThat(meters.counter("tributary.http.throttled", "platform", "testplatform").count()).isEqualTo(1.0);
    assertThat(meters.counter("tributary.http.retries", "platform", "testplatform").count()).isEqualTo(1.0);
    assertThat(meters.counter("tributary.http.calls", "platform", "testplatform", "status", "200").count())
        .isEqualTo(1.0);
  }

  @Test
  void retryAfterHttpDateIsWaitedThenSucceeds() {
    ZonedDateTime at = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2);
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(at);
    server.script("/q", status(503, "busy", "Retry-After", date), json("{\"ok\":2}"));
    String body = client.sendForText(HttpCall.get("/q"));
    long secondAtMs = System.currentTimeMillis() - (System.nanoTime() - server.seen.get(1).atNanos()) / 1_000_000;
    assertThat(body).isEqualTo("{\"ok\":2}");
    // HTTP-dates have whole seconds: the retry must not come before the named second
    assertThat(secondAtMs).isGreaterThanOrEqualTo(at.withNano(0).toInstant().toEpochMilli());
  }

  @Test
  void burstOfThree5xxThenSuccess() {
    server.script("/q", status(500, "a"), status(502, "b"), status(503, "c"), json("[1]"));
    assertThat(client.sendForText(HttpCall.get("/q"))).isEqualTo("[1]");
    assertThat(server.count("/q")).isEqualTo(4);
    assertThat(meters.counter("tributary.http.retries", "platform", "testplatform").count()).isEqualTo(3.0);
  }

  @Test
  void connectionResetMidBodyIsRetried() {
    server.script("/q", ex -> {
      ex.sendResponseHeaders(200, 1000);
      OutputStream out = ex.getResponseBody();
      out.write("{\"partial\":".getBytes());
      out.flush();
      ex.getHttpContext().getServer(); // keep the exchange open, then drop the connection below
      throw new java.io.IOException("simulated reset");
    }, json("{\"whole\":true}"));
    String body = client.sendForText(HttpCall.get("/q"));
    assertThat(body).isEqualTo("{\"whole\":true}");
    assertThat(server.count("/q")).isEqualTo(2);
  }

  @Test
  void timeoutIsRetried() {
    server.script("/q", ex -> {
      try {
        Thread.sleep(1200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      status(200, "late").respond(ex);
    }, json("\"fast\""));
    ResilientHttpClient client = ResilientHttpClient.builder(
        server.fastSettings("testplatform").withOverrides(Map.of("read_timeout", "300ms"))).meterRegistry(meters).build();
    assertThat(client.sendForText(HttpCall.get("/q"))).isEqualTo("\"fast\"");
    assertThat(meters.counter("tributary.http.calls", "platform", "testplatform", "status", "io_error").count())
        .isEqualTo(1.0);
  }

  @Test
  void badRequestFailsFastWithVendorTextAndNoQueryString() {
    server.script("/services/data/v60.0/query", status(400,
        "[{\"message\":\"No such column 'Foo' on entity 'Account'\",\"errorCode\":\"INVALID_FIELD\"}]"));
    assertThatThrownBy(() -> client.sendForText(HttpCall.get("/services/data/v60.0/query")
        .query("q", "SELECT Foo FROM Account").query("access_token", "SEKRET-123")))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.CONFIG);
          assertThat(e.getMessage()).isEqualTo("testplatform GET /services/data/v60.0/query: HTTP 400 — "
              + "INVALID_FIELD: No such column 'Foo' on entity 'Account'");
          assertThat(e.hint()).isNotBlank();
        });
    assertThat(server.count("/services/data/v60.0/query")).isEqualTo(1);
  }

  @Test
  void retryAfterBeyondMaxWaitFailsTransientAtOnce() {
    server.script("/q", status(429, "slow down", "Retry-After", "3600"));
    assertThatThrownBy(() -> client.sendForText(HttpCall.get("/q")))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
          assertThat(e.getMessage()).contains("asked to wait 3600 s").contains("max_retry_wait 5 s");
        });
    assertThat(server.count("/q")).isEqualTo(1);
  }

  @Test
  void exhaustedRetriesFailTransient() {
    server.always("/q", status(503, "{\"message\":\"down for maintenance\"}"));
    assertThatThrownBy(() -> client.sendForText(HttpCall.get("/q")))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
          assertThat(e.getMessage()).isEqualTo(
              "testplatform GET /q: HTTP 503 — down for maintenance (gave up after 5 attempts)");
        });
    assertThat(server.count("/q")).isEqualTo(5);
  }
}
