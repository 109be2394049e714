package io.tributary.cli;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.tributary.cli.MetricsSettings.Export;
import io.tributary.core.TributaryException;
import io.tributary.engine.run.RunResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The process's meters and where they go (docs/operations.md, "Metrics"): the HTTP client's (calls by status,
 * retries, throttled responses, latency, recorded in Micrometer's global registry while a run goes on) and each
 * run's own ({@link RunMeters}), exported as {@link MetricsSettings} says: pushed to a Pushgateway at the end of each
 * run (a batch process is gone before a scraper would come), served at {@code /metrics} by a long-lived command, or
 * sent to an OpenTelemetry collector (every step in a long-lived process, once at the end of a batch run). Without a
 * setting nothing is collected.
 */
final class RunMetrics implements AutoCloseable {

  private final MetricsSettings settings;
  private final List<MeterRegistry> registries = new ArrayList<>();
  private final PrometheusMeterRegistry prometheus;
  private final RunMeters meters = new RunMeters(Metrics.globalRegistry);
  private final Instant created = Instant.now();
  private ScrapeEndpoint scrape;

  private RunMetrics(MetricsSettings settings) {
    this.settings = settings;
    prometheus = settings.has(Export.PUSH) || settings.has(Export.SCRAPE)
        ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) : null;
    if (prometheus != null) {
      registries.add(prometheus);
    }
    if (settings.has(Export.OTLP)) {
      registries.add(new OtlpMeterRegistry(otlpConfig(settings), Clock.SYSTEM));
    }
    registries.forEach(Metrics::addRegistry);
  }

  /** The configured metrics, or null when none are exported. */
  static RunMetrics configured() {
    MetricsSettings s = MetricsSettings.configured();
    return s == null ? null : new RunMetrics(s);
  }

  /** For a long-lived command: the configured metrics, already serving (see {@link #serve}), or null. */
  static RunMetrics serving(PrintWriter out) {
    RunMetrics m = configured();
    if (m != null) {
      m.serve(out);
    }
    return m;
  }

  static RunMetrics to(URI gateway) {
    return new RunMetrics(MetricsSettings.push(gateway));
  }

  static RunMetrics of(MetricsSettings settings) {
    return new RunMetrics(settings);
  }

  /** The run of a batch process (started when this was created) ended: see {@link #runEnded}. */
  String push(String job, RunResult result) {
    return runEnded(job, result, created);
  }

  /**
   * Records a run's meters and, with push, sends everything to the group {@code job="tributary", instance=<job>};
   * returns why the push failed, or null. A failed push does not change how the run ended (its exit code).
   */
  String runEnded(String job, RunResult result, Instant started) {
    meters.record(job, result, started);
    if (!settings.has(Export.PUSH)) {
      return null;
    }
    String target = settings.pushgateway() + "/metrics/job/tributary/instance/"
        + URLEncoder.encode(job, StandardCharsets.UTF_8);
    HttpRequest put = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .PUT(HttpRequest.BodyPublishers.ofString(prometheus.scrape())).build();
    return HttpPush.send(put, "Pushgateway");
  }

  /**
   * For a long-lived command: adds the JVM's meters and, with scrape, serves {@code /metrics} until {@link #close};
   * says where on {@code out}. A port in use is a configuration error (exit 2).
   */
  void serve(PrintWriter out) {
    for (MeterRegistry r : registries) {
      new JvmMemoryMetrics().bindTo(r);
      new JvmThreadMetrics().bindTo(r);
      new ProcessorMetrics().bindTo(r);
    }
    if (!settings.has(Export.SCRAPE)) {
      return;
    }
    try {
      scrape = new ScrapeEndpoint(settings.scrapeHost(), settings.scrapePort(), prometheus);
    } catch (IOException e) {
      throw TributaryException.config("TRIBUTARY_METRICS_PORT: cannot serve metrics on " + settings.scrapeHost()
          + ":" + settings.scrapePort() + ": " + e.getMessage(), "choose a free port with TRIBUTARY_METRICS_PORT");
    }
    out.println("metrics: http://" + settings.scrapeHost() + ":" + scrape.port() + "/metrics");
    out.flush();
  }

  /** The scrape endpoint's port, or -1 when there is none. */
  int scrapePort() {
    return scrape == null ? -1 : scrape.port();
  }

  /** Stops the endpoint; an OTLP registry sends its last values as it closes. */
  @Override
  public void close() {
    if (scrape != null) {
      scrape.close();
    }
    for (MeterRegistry r : registries) {
      Metrics.removeRegistry(r);
      r.close();
    }
  }

  private static OtlpConfig otlpConfig(MetricsSettings s) {
    return key -> switch (key) {
      case "otlp.url" -> s.otlpUrl();
      case "otlp.step" -> s.otlpStep().toString();
      case "otlp.resourceAttributes" -> "service.name=tributary";
      default -> null;
    };
  }
}
