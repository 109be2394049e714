package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.tributary.cli.MetricsSettings.Export;
import io.tributary.core.QuotaLedger;
import io.tributary.engine.run.RunResult;
import io.tributary.engine.step.StreamProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The two exports besides the Pushgateway: the scrape endpoint of the long-lived commands (GET /metrics in the
 * Prometheus text format) and OTLP to a collector stub, a loopback HTTP server that decodes the protobuf payload
 * with the opentelemetry-proto classes. The values are the ones the test hands over.
 */
@Tag("sandbox")
class MetricsExportTest {

  private static RunResult run() {
    StreamProgress contacts = new StreamProgress("contacts", "merge");
    contacts.counted(2_000, 1_999, 1);
    return new RunResult(0, "COMPLETED", 7, 3, false, List.of(contacts), List.of(), null);
  }

  @Test
  void theScrapeEndpointServesTheRunsAndTheQuotaMeters() throws Exception {
    MetricsSettings scrape = new MetricsSettings(EnumSet.of(Export.SCRAPE), null, "127.0.0.1", 0,
        MetricsSettings.DEFAULT_OTLP_URL, Duration.ofMinutes(1));
    StringWriter said = new StringWriter();
    try (RunMetrics metrics = RunMetrics.of(scrape)) {
      metrics.serve(new PrintWriter(said, true));
      Instant started = Instant.now();
      QuotaLedger.report("hubspot", "daily API limit", 450, 500);
      metrics.runEnded("scraped", run(), started);

      HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + metrics.scrapePort() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(said.toString()).contains("/metrics");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
          .startsWith("text/plain"));
      assertThat(page.body())
          .contains("tributary_rows_written{stream=\"contacts\",tributary_job=\"scraped\"} 1999.0")
          .contains("tributary_rows_quarantined{stream=\"contacts\",tributary_job=\"scraped\"} 1.0")
          .contains("tributary_chunks_committed{stream=\"contacts\",tributary_job=\"scraped\"} 0.0")
          .contains("tributary_quota_used{platform=\"hubspot\",quota=\"daily API limit\"} 450.0")
          .contains("tributary_quota_limit{platform=\"hubspot\",quota=\"daily API limit\"} 500.0")
          .contains("tributary_run_exit_code{tributary_job=\"scraped\"} 0.0")
          .contains("jvm_memory_used_bytes");
    }
  }

  @Test
  void otlpSendsTheMetersToTheCollector() throws Exception {
    List<ExportMetricsServiceRequest> received = new CopyOnWriteArrayList<>();
    List<String> contentTypes = new CopyOnWriteArrayList<>();
    HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext("/v1/metrics", exchange -> {
      contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
      received.add(ExportMetricsServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes()));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    collector.start();
    MetricsSettings otlp = new MetricsSettings(EnumSet.of(Export.OTLP), null, "127.0.0.1", 0,
        "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/metrics", Duration.ofMinutes(1));
    try (RunMetrics metrics = RunMetrics.of(otlp)) {
      Instant started = Instant.now();
      QuotaLedger.report("ga4", "property tokens per day", 150_000, 200_000);
      metrics.runEnded("otlp_job", run(), started);
    } finally {
      collector.stop(0);
    }

    assertThat(received).as("the registry sends once as it closes").isNotEmpty();
    assertThat(contentTypes).allSatisfy(t -> assertThat(t).isEqualTo("application/x-protobuf"));
    Map<String, Double> values = new HashMap<>();
    for (ExportMetricsServiceRequest request : received) {
      assertThat(request.getResourceMetrics(0).getResource().getAttributesList())
          .anySatisfy(a -> assertThat(a.getKey() + "=" + a.getValue().getStringValue())
              .isEqualTo("service.name=tributary"));
      request.getResourceMetricsList().forEach(rm -> rm.getScopeMetricsList().forEach(sm -> {
        for (Metric m : sm.getMetricsList()) {
          for (NumberDataPoint p : m.getGauge().getDataPointsList()) {
            values.put(m.getName() + labels(p.getAttributesList()), p.getAsDouble());
          }
        }
      }));
    }
    assertThat(values)
        .containsEntry("tributary.rows.read{stream=contacts,tributary_job=otlp_job}", 2000.0)
        .containsEntry("tributary.rows.written{stream=contacts,tributary_job=otlp_job}", 1999.0)
        .containsEntry("tributary.rows.quarantined{stream=contacts,tributary_job=otlp_job}", 1.0)
        .containsEntry("tributary.run.exit.code{tributary_job=otlp_job}", 0.0)
        .containsEntry("tributary.quota.used{platform=ga4,quota=property tokens per day}", 150_000.0)
        .containsEntry("tributary.quota.limit{platform=ga4,quota=property tokens per day}", 200_000.0);
  }

  private static String labels(List<KeyValue> attributes) {
    return attributes.stream().map(a -> a.getKey() + "=" + a.getValue().getStringValue()).sorted()
        .reduce((a, b) -> a + "," + b).map(s -> "{" + s + "}").orElse("");
  }
}
