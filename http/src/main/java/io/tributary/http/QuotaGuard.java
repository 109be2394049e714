package io.tributary.http;

import io.tributary.core.QuotaLedger;
import io.tributary.core.TributaryException;
import java.net.http.HttpHeaders;

/** Remembers that a quota crossed its stop share, so the next call stops the run. Shared by one client's threads. */
final class QuotaGuard {

  private final String platform;
  private final double stopShare;
  private final QuotaMonitor monitor;
  private volatile QuotaMonitor.Usage tripped;

  QuotaGuard(String platform, double stopShare, QuotaMonitor monitor) {
    this.platform = platform;
    this.stopShare = stopShare;
    this.monitor = monitor;
  }

  void observe(HttpHeaders headers) {
    monitor.usage(headers).ifPresent(u -> {
      QuotaLedger.report(platform, u.name(), u.used(), u.max());
      if (u.max() > 0 && u.share() >= stopShare) {
        tripped = u;
      }
    });
  }

  void checkBeforeCall() {
    QuotaMonitor.Usage u = tripped;
    if (u != null) {
      long pct = (long) Math.floor(u.share() * 100);
      throw new TributaryException(TributaryException.Kind.QUOTA,
          platform + " " + u.name() + " " + pct + "% used (" + u.used() + "/" + u.max()
              + "); stopping with the cursor saved",
          "run again after the quota resets or raise quota_stop_share (now " + stopShare + ")", null);
    }
  }
}
