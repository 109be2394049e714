package io.tributary.http;

import static io.tributary.http.LoopbackServer.json;
import static io.tributary.http.LoopbackServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.TributaryException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Errors a platform reports inside a 2xx JSON body (Marketo's {@code success: false}) are retried, refreshed or
 * failed like error statuses; other 2xx bodies pass untouched.
 */
@Tag("sandbox")
class BodyErrorClassifierTest {

  /** {"ok":false,"code":"X"}: TRANSIENT for "busy", AUTH_EXPIRED for "expired", CONFIG for anything else. */
  private static final BodyErrorClassifier CODES = (headers, body) -> {
    if (!body.contains("\"ok\":false")) {
      return null;
    }
    ErrorClass c = body.contains("busy") ? ErrorClass.TRANSIENT
        : body.contains("expired") ? ErrorClass.AUTH_EXPIRED : ErrorClass.CONFIG;
    return Classification.of(c, body).withRetryAfter(c == ErrorClass.TRANSIENT ? Duration.ZERO : null);
  };

  private LoopbackServer server;
  private final AtomicInteger refreshes = new AtomicInteger();
  private ResilientHttpClient client;

  @BeforeEach
  void start() throws Exception {
    server = new LoopbackServer();
    AuthProvider auth = new AuthProvider() {
      @Override
      public void apply(HttpRequest.Builder request, String method, URI uri, Map<String, String> formFields) {
        request.setHeader("Authorization", "Bearer t" + refreshes.get());
      }

      @Override
      public boolean refresh(HttpRequest rejected) {
        refreshes.incrementAndGet();
        return true;
      }
    };
    client = ResilientHttpClient.builder(server.fastSettings("bodyerrors")).auth(auth).bodyErrors(CODES).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aTransientErrorInA200IsRetried() {
    server.script("/x", json("{\"ok\":false,\"code\":\"busy\"}"), json("{\"ok\":true}"));
    assertThat(client.sendForText(HttpCall.get("/x"))).isEqualTo("{\"ok\":true}");
    assertThat(server.count("/x")).isEqualTo(2);
  }

  @Test
  void anExpiredTokenInA200IsRefreshedAndSentOnceMore() {
    server.script("/x", json("{\"ok\":false,\"code\":\"expired\"}"), json("{\"ok\":true}"));
    assertThat(client.sendForText(HttpCall.get("/x"))).isEqualTo("{\"ok\":true}");
    assertThat(refreshes).hasValue(1);
    assertThat(server.seen.get(1).header("Authorization")).isEqualTo("Bearer t1");
  }

  @Test
  void aPermanentErrorInA200FailsFastWithThePlatformsWords() {
    server.script("/x", json("{\"ok\":false,\"code\":\"bad field\"}"));
    assertThatThrownBy(() -> client.sendForText(HttpCall.get("/x")))
        .isInstanceOf(TributaryException.class)
        .hasMessageContaining("HTTP 200").hasMessageContaining("bad field")
        .satisfies(e -> assertThat(((TributaryException) e).kind()).isEqualTo(TributaryException.Kind.CONFIG));
    assertThat(server.count("/x")).isEqualTo(1);
  }

  @Test
  void aNonJsonBodyIsNeverInspected() {
    server.script("/file", status(200, "\"ok\":false,busy", "Content-Type", "text/csv"));
    assertThat(client.sendForText(HttpCall.get("/file"))).isEqualTo("\"ok\":false,busy");
    assertThat(server.count("/file")).isEqualTo(1);
  }
}
