package io.tributary.cli;

import io.tributary.core.Durations;
import io.tributary.core.QuotaLedger;
import io.tributary.core.TributaryException;
import io.tributary.engine.run.RunResult;
import io.tributary.engine.step.StreamProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts that are about service levels rather than failure (docs/operations.md, "Alerts"): a quota the sources
 * reported during the run used above {@code TRIBUTARY_ALERT_QUOTA_PERCENT} (default 80), and a stream whose lag
 * (now − watermark, {@link StreamLag}) exceeds its SLA, {@code TRIBUTARY_ALERT_LAG_SLA}: a default and per-stream
 * entries, {@code 6h,opportunities=1h,demo/contacts=30m} (a {@code job/stream} entry wins over a {@code stream} one,
 * which wins over the default; no default means only the streams named are checked).
 */
final class SlaAlerts {

  private final double quotaPercent;
  private final Duration defaultSla;
  private final Map<String, Duration> slas;

  SlaAlerts(double quotaPercent, Duration defaultSla, Map<String, Duration> slas) {
    this.quotaPercent = quotaPercent;
    this.defaultSla = defaultSla;
    this.slas = slas;
  }

  static SlaAlerts configured() {
    String quota = OpsSetting.get("tributary.alerts.quota-percent", "TRIBUTARY_ALERT_QUOTA_PERCENT", "80");
    String lag = OpsSetting.get("tributary.alerts.lag-sla", "TRIBUTARY_ALERT_LAG_SLA", "");
    Duration fallback = null;
    Map<String, Duration> slas = new LinkedHashMap<>();
    for (String entry : lag.isEmpty() ? new String[0] : lag.split("\\s*,\\s*")) {
      int eq = entry.indexOf('=');
      try {
        if (eq < 0) {
          fallback = Durations.parse(entry);
        } else {
          slas.put(entry.substring(0, eq).strip(), Durations.parse(entry.substring(eq + 1)));
        }
      } catch (TributaryException e) {
        throw TributaryException.config("TRIBUTARY_ALERT_LAG_SLA: '" + entry + "': " + e.getMessage(),
            "write a default and stream entries like 6h,opportunities=1h,demo/contacts=30m");
      }
    }
    try {
      return new SlaAlerts(Double.parseDouble(quota), fallback, slas);
    } catch (NumberFormatException e) {
      throw TributaryException.config("TRIBUTARY_ALERT_QUOTA_PERCENT: '" + quota + "' is not a number",
          "write a percentage, for example 80");
    }
  }

  /** Quota and lag findings of a run that started at {@code started}, one line each. */
  List<String> findings(String job, RunResult result, Instant started) {
    List<String> found = new ArrayList<>();
    for (QuotaLedger.Usage u : QuotaLedger.since(started)) {
      if (u.percent() > quotaPercent) {
        found.add(String.format(":warning: job *%s*: %s %s at %.1f%% (%,d of %,d), above %s%%", job,
            u.platform(), u.quota(), u.percent(), u.used(), u.limit(), quotaPercent));
      }
    }
    Instant now = Instant.now();
    for (StreamProgress p : result.streams()) {
      Duration sla = sla(job, p.stream());
      Duration lag = sla == null ? null : StreamLag.lag(p.watermark(), now);
      if (lag != null && lag.compareTo(sla) > 0) {
        found.add(String.format(":hourglass: job *%s* stream *%s* lags %s behind its source (watermark %s),"
            + " over its SLA of %s", job, p.stream(), human(lag), StreamLag.watermarkTime(p.watermark()), human(sla)));
      }
    }
    return found;
  }

  private Duration sla(String job, String stream) {
    Duration d = slas.get(job + "/" + stream);
    return d != null ? d : slas.getOrDefault(stream, defaultSla);
  }

  private static String human(Duration d) {
    long minutes = d.toMinutes();
    return minutes >= 2 * 24 * 60 ? minutes / (24 * 60) + "d" : minutes >= 120 ? minutes / 60 + "h" : minutes + "m";
  }
}
