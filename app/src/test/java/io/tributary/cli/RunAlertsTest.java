package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tributary.engine.run.RunResult;
import io.tributary.engine.step.StreamProgress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Alerts reach a Slack-compatible webhook (a local receiver) on failure and on quarantine above the threshold. */
@Tag("sandbox")
class RunAlertsTest {

  private static StreamProgress stream(String name, long read, long quarantined) {
    StreamProgress p = new StreamProgress(name, "merge");
    p.counted(read, read - quarantined, quarantined);
    return p;
  }

  @Test
  void aFailedRunWithTooManyQuarantinedRecordsPostsOneSlackMessage() throws Exception {
    AtomicReference<String> body = new AtomicReference<>();
    AtomicInteger posts = new AtomicInteger();
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext("/services/T0/B0/x", exchange -> {
      posts.incrementAndGet();
      body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    hook.start();
    RunAlerts alerts = new RunAlerts(URI.create("http://127.0.0.1:" + hook.getAddress().getPort()
        + "/services/T0/B0/x"), 1.0);
    // contacts: 30 of 1,000 quarantined (3 % > 1 %); accounts: 5 of 1,000 (0.5 %), below the threshold
    RunResult failed = new RunResult(1, "FAILED", 9, 4, false, List.of(stream("contacts", 1_000, 30),
        stream("accounts", 1_000, 5)), List.of(), "HTTP 503 from the source\n  fix: run again");
    RunResult fine = new RunResult(0, "COMPLETED", 10, 5, false, List.of(stream("accounts", 1_000, 5)), List.of(),
        null);
    try {
      assertThat(alerts.send("demo", failed, java.time.Instant.now())).isNull();
      assertThat(alerts.send("demo", fine, java.time.Instant.now())).isNull();
    } finally {
      hook.stop(0);
    }

    assertThat(posts.get()).as("nothing to tell about the run that was fine").isEqualTo(1);
    JsonNode payload = new ObjectMapper().readTree(body.get());
    assertThat(payload.fieldNames()).toIterable().containsExactly("text");
    assertThat(payload.get("text").asText())
        .isEqualTo(":red_circle: job *demo* FAILED (exit 1): HTTP 503 from the source\n"
            + ":warning: job *demo* stream *contacts* quarantined 30 of 1,000 records (3.0%, above 1.0%):"
            + " see _tributary_quarantine");
  }
}
