package io.tributary.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tributary.core.QuotaLedger;
import io.tributary.engine.run.RunResult;
import io.tributary.engine.step.StreamProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A run's own meters, recorded when it ends (the HTTP client records its meters while it runs): rows read, written
 * and quarantined, chunks committed, stream and run duration, exit code, lag per stream (now − watermark, computed
 * when read) and the quotas the sources reported during the run. The names are listed in docs/operations.md.
 */
final class RunMeters {

  /**
   * One set of gauges per registry for the whole process: Micrometer keeps a gauge's first registration, so a second
   * set on the same registry (the next run's metrics in the same JVM) would never be read.
   */
  private static final Map<MeterRegistry, LatestGauges> GAUGES = new ConcurrentHashMap<>();

  private final LatestGauges gauges;

  RunMeters(MeterRegistry registry) {
    this.gauges = GAUGES.computeIfAbsent(registry, LatestGauges::new);
  }

  void record(String job, RunResult result, Instant started) {
    for (StreamProgress p : result.streams()) {
      Tags tags = Tags.of("tributary_job", job, "stream", p.stream());
      gauges.set("tributary.rows.read", tags, p.read());
      gauges.set("tributary.rows.written", tags, p.written());
      gauges.set("tributary.rows.quarantined", tags, p.quarantined());
      gauges.set("tributary.chunks.committed", tags, p.chunks());
      gauges.set("tributary.stream.duration.seconds", tags, p.seconds());
      Instant watermark = StreamLag.watermarkTime(p.watermark());
      if (watermark != null) {
        gauges.track("tributary.stream.lag.seconds", tags,
            () -> Duration.between(watermark, Instant.now()).toMillis() / 1000.0);
      }
    }
    Tags tags = Tags.of("tributary_job", job);
    gauges.set("tributary.run.duration.seconds", tags, Duration.between(started, Instant.now()).toMillis() / 1000.0);
    gauges.set("tributary.run.exit.code", tags, result.exitCode());
    gauges.set("tributary.run.last.end.timestamp.seconds", tags, System.currentTimeMillis() / 1000.0);
    for (QuotaLedger.Usage u : QuotaLedger.since(started)) {
      Tags quota = Tags.of("platform", u.platform(), "quota", u.quota());
      gauges.set("tributary.quota.used", quota, u.used());
      gauges.set("tributary.quota.limit", quota, u.limit());
    }
  }
}
