package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.tributary.engine.run.RunResult;
import io.tributary.engine.step.StreamProgress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A run's metrics reach a Pushgateway (a local HTTP receiver on an OS-chosen port): a PUT to the job's group in the
 * Prometheus text format, with the run's row counts per stream and the HTTP client's meters of the global registry.
 */
@Tag("sandbox")
class RunMetricsTest {

  @Test
  void theRunsMetersArePushedInThePrometheusTextFormat() throws Exception {
    AtomicReference<String> method = new AtomicReference<>();
    AtomicReference<String> path = new AtomicReference<>();
    AtomicReference<String> body = new AtomicReference<>();
    HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    gateway.createContext("/", exchange -> {
      method.set(exchange.getRequestMethod());
      path.set(exchange.getRequestURI().getPath());
      body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    gateway.start();
    StreamProgress contacts = new StreamProgress("contacts", "merge");
    contacts.counted(2_000, 1_999, 1);
    RunResult result = new RunResult(0, "COMPLETED", 7, 3, false, List.of(contacts), List.of(), null);
    try (RunMetrics metrics = RunMetrics.to(URI.create("http://127.0.0.1:" + gateway.getAddress().getPort()))) {
      // what the HTTP client records during a run (http.HttpMetrics), in Micrometer's global registry
      Counter.builder("tributary.http.calls").tag("platform", "hubspot").tag("status", "429")
          .register(Metrics.globalRegistry).increment(3);

      String failed = metrics.push("demo", result);

      assertThat(failed).isNull();
    } finally {
      gateway.stop(0);
    }

    assertThat(method.get()).isEqualTo("PUT");
    assertThat(path.get()).isEqualTo("/metrics/job/tributary/instance/demo");
    assertThat(body.get())
        .contains("tributary_rows_read{stream=\"contacts\",tributary_job=\"demo\"} 2000.0")
        .contains("tributary_rows_written{stream=\"contacts\",tributary_job=\"demo\"} 1999.0")
        .contains("tributary_rows_quarantined{stream=\"contacts\",tributary_job=\"demo\"} 1.0")
        .contains("tributary_run_exit_code{tributary_job=\"demo\"} 0.0")
        .contains("tributary_run_duration_seconds{tributary_job=\"demo\"}")
        .contains("tributary_http_calls_total{platform=\"hubspot\",status=\"429\"} 3.0");
  }

  @Test
  void anUnreachableGatewayIsReportedNotThrown() {
    try (RunMetrics metrics = RunMetrics.to(URI.create("http://127.0.0.1:1"))) {
      assertThat(metrics.push("demo", new RunResult(0, "COMPLETED", 1, 1, false, List.of(), List.of(), null)))
          .startsWith("cannot reach the Pushgateway");
    }
  }
}
