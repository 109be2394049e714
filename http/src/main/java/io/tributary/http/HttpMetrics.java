package io.tributary.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The client's meters: calls by status, retries, throttled (429) responses and latency, tagged by platform. */
final class HttpMetrics {

  private final Meter.MeterProvider<Counter> calls;
  private final Counter retries;
  private final Counter throttled;
  private final Timer latency;

  HttpMetrics(MeterRegistry registry, String platform) {
    this.calls = Counter.builder("tributary.http.calls").tag("platform", platform).withRegistry(registry);
    this.retries = Counter.builder("tributary.http.retries").tag("platform", platform).register(registry);
    this.throttled = Counter.builder("tributary.http.throttled").tag("platform", platform).register(registry);
    this.latency = Timer.builder("tributary.http.latency").tag("platform", platform).register(registry);
  }

  /** One exchange; status is the HTTP code or "io_error". */
  void call(String status, Duration took) {
    calls.withTag("status", status).increment();
    latency.record(took);
    if (status.equals("429")) {
      throttled.increment();
    }
  }

  void retry() {
    retries.increment();
  }
}
