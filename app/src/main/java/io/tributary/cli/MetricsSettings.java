package io.tributary.cli;

import io.tributary.core.Durations;
import io.tributary.core.TributaryException;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where the meters go (docs/operations.md, "Metrics"): {@code TRIBUTARY_METRICS} names one or more of {@code push}
 * (a Pushgateway, at the end of each run), {@code scrape} (a {@code /metrics} endpoint served by the long-lived
 * commands) and {@code otlp} (an OpenTelemetry collector). Without it, a set {@code TRIBUTARY_PUSHGATEWAY_URL} means
 * push, as before.
 *
 * @param exports the chosen exports, never empty
 * @param pushgateway the Pushgateway's base URL, for push
 * @param scrapeHost the address the scrape endpoint binds
 * @param scrapePort its port (0: any free one)
 * @param otlpUrl the collector's OTLP/HTTP metrics URL
 * @param otlpStep how often a long-lived process sends to the collector
 */
record MetricsSettings(Set<Export> exports, URI pushgateway, String scrapeHost, int scrapePort, String otlpUrl,
    Duration otlpStep) {

  /** The ways out. */
  enum Export { PUSH, SCRAPE, OTLP }

  static final int DEFAULT_SCRAPE_PORT = 9464;
  static final String DEFAULT_OTLP_URL = "http://localhost:4318/v1/metrics";

  /** The configured settings, or null when no metrics are exported. */
  static MetricsSettings configured() {
    String gateway = OpsSetting.get("tributary.metrics.pushgateway", "TRIBUTARY_PUSHGATEWAY_URL", null);
    String chosen = OpsSetting.get("tributary.metrics", "TRIBUTARY_METRICS", gateway == null ? null : "push");
    if (chosen == null) {
      return null;
    }
    Set<Export> exports = EnumSet.noneOf(Export.class);
    for (String name : chosen.split("\\s*,\\s*")) {
      try {
        exports.add(Export.valueOf(name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw TributaryException.config("TRIBUTARY_METRICS: '" + name + "' is not a metrics export",
            "use push, scrape or otlp, or several separated by commas (push,otlp)");
      }
    }
    if (exports.contains(Export.PUSH) && gateway == null) {
      throw TributaryException.config("TRIBUTARY_METRICS: push needs the Pushgateway's URL",
          "set TRIBUTARY_PUSHGATEWAY_URL, for example http://pushgateway:9091");
    }
    String port = OpsSetting.get("tributary.metrics.port", "TRIBUTARY_METRICS_PORT", "" + DEFAULT_SCRAPE_PORT);
    if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65_535) {
      throw TributaryException.config("TRIBUTARY_METRICS_PORT: '" + port + "' is not a port",
          "use a number from 1 to 65535, for example " + DEFAULT_SCRAPE_PORT);
    }
    return new MetricsSettings(exports, gateway == null ? null : URI.create(gateway.replaceFirst("/+$", "")),
        OpsSetting.get("tributary.metrics.host", "TRIBUTARY_METRICS_HOST", "0.0.0.0"), Integer.parseInt(port),
        OpsSetting.get("tributary.metrics.otlp-url", "TRIBUTARY_OTLP_URL", DEFAULT_OTLP_URL),
        Durations.parse(OpsSetting.get("tributary.metrics.otlp-step", "TRIBUTARY_OTLP_STEP", "60s")));
  }

  /** Push to one Pushgateway only. */
  static MetricsSettings push(URI gateway) {
    return new MetricsSettings(EnumSet.of(Export.PUSH), gateway, "127.0.0.1", 0, DEFAULT_OTLP_URL,
        Duration.ofMinutes(1));
  }

  boolean has(Export export) {
    return exports.contains(export);
  }
}
