package io.tributary.cli;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tributary.engine.run.RunResult;
import io.tributary.engine.step.StreamProgress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A batch run's meters for Prometheus: the HTTP client's (calls by status, retries, throttled responses, latency,
 * which it records in Micrometer's global registry) and the run's own (rows read, written and quarantined per
 * stream, duration, exit code), pushed once at the end of the run to a Pushgateway, since a batch process is gone
 * before a scraper would come. Enabled by {@code TRIBUTARY_PUSHGATEWAY_URL} (or the system property
 * {@code tributary.metrics.pushgateway}); without it nothing is collected.
 */
final class RunMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final URI gateway;
  private final long startNanos = System.nanoTime();

  private RunMetrics(URI gateway) {
    this.gateway = gateway;
    Metrics.addRegistry(registry);
  }

  /** The configured Pushgateway's metrics, or null when none is configured. */
  static RunMetrics configured() {
    String url = System.getProperty("tributary.metrics.pushgateway", System.getenv("TRIBUTARY_PUSHGATEWAY_URL"));
    return url == null || url.isBlank() ? null : new RunMetrics(URI.create(url.replaceFirst("/+$", "")));
  }

  static RunMetrics to(URI gateway) {
    return new RunMetrics(gateway);
  }

  /**
   * Records the run's meters and pushes everything to the group {@code job="tributary", instance=<job>}; returns why
   * the push failed, or null. A failed push does not change how the run ended (its exit code).
   */
  String push(String job, RunResult result) {
    for (StreamProgress p : result.streams()) {
      gauge("tributary.rows.read", job, p, p.read());
      gauge("tributary.rows.written", job, p, p.written());
      gauge("tributary.rows.quarantined", job, p, p.quarantined());
      gauge("tributary.stream.duration.seconds", job, p, p.seconds());
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    Gauge.builder("tributary.run.duration.seconds", () -> seconds).tag("tributary_job", job).register(registry);
    Gauge.builder("tributary.run.exit.code", result::exitCode).tag("tributary_job", job).register(registry);
    Gauge.builder("tributary.run.last.end.timestamp.seconds", () -> System.currentTimeMillis() / 1000.0)
        .tag("tributary_job", job).register(registry);
    String target = gateway + "/metrics/job/tributary/instance/" + URLEncoder.encode(job, StandardCharsets.UTF_8);
    HttpRequest put = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .PUT(HttpRequest.BodyPublishers.ofString(registry.scrape())).build();
    return HttpPush.send(put, "Pushgateway");
  }

  private void gauge(String name, String job, StreamProgress p, double value) {
    Gauge.builder(name, () -> value).tag("tributary_job", job).tag("stream", p.stream()).register(registry);
  }

  @Override
  public void close() {
    Metrics.removeRegistry(registry);
    registry.close();
  }
}
