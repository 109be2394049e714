package io.tributary.http;

import static io.tributary.http.LoopbackServer.json;
import static io.tributary.http.LoopbackServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.TributaryException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A create marked {@link HttpCall#notRepeatable()} is repeated only when the server surely did not process it. */
@Tag("sandbox")
class NotRepeatableCallTest {

  private LoopbackServer server;
  private ResilientHttpClient client;

  @BeforeEach
  void start() throws Exception {
    server = new LoopbackServer();
    client = ResilientHttpClient.builder(server.fastSettings("testplatform")).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void a500OnACreateIsNotRetried() {
    server.script("/jobs", status(500, "[{\"errorCode\":\"UNKNOWN_EXCEPTION\"}]"), json("{\"id\":\"second\"}"));
    assertThatThrownBy(() -> client.sendForText(HttpCall.post("/jobs").json("{}").notRepeatable()))
        .isInstanceOf(TributaryException.class)
        .satisfies(e -> assertThat(((TributaryException) e).kind()).isEqualTo(TributaryException.Kind.TRANSIENT))
        .hasMessageContaining("may have processed");
    assertThat(server.count("/jobs")).isEqualTo(1);
  }

  @Test
  void a429Or503OnACreateIsRetried() {
    server.script("/jobs", status(429, "slow down", "Retry-After", "0"), status(503, "busy", "Retry-After", "0"),
        json("{\"id\":\"one\"}"));
    assertThat(client.sendForText(HttpCall.post("/jobs").json("{}").notRepeatable())).isEqualTo("{\"id\":\"one\"}");
    assertThat(server.count("/jobs")).isEqualTo(3);
  }

  @Test
  void anOrdinaryPostIsStillRetriedOn500() {
    server.script("/jobs", status(500, "x"), json("{\"id\":\"one\"}"));
    assertThat(client.sendForText(HttpCall.post("/jobs").json("{}"))).isEqualTo("{\"id\":\"one\"}");
    assertThat(server.count("/jobs")).isEqualTo(2);
  }
}
