package io.tributary.http;

import java.net.http.HttpHeaders;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a platform's quota usage from response headers. {@link ResilientHttpClient} calls it on the calling thread
 * after every response; when used/max reaches {@link HttpSettings#quotaStopShare()}, the response is still
 * returned, and the NEXT call fails with {@code TributaryException} of kind QUOTA so the run stops with its cursor
 * saved.
 */
@FunctionalInterface
public interface QuotaMonitor {

  /** Usage of one quota. {@code name} appears in the message, e.g. "daily API quota". */
  record Usage(String name, long used, long max) {
    public double share() {
      return max <= 0 ? 0 : (double) used / max;
    }
  }

  Optional<Usage> usage(HttpHeaders headers);

  static QuotaMonitor none() {
    return headers -> Optional.empty();
  }

  /**
   * A header holding {@code key=used/max} among comma-separated entries, e.g. Salesforce
   * {@code Sforce-Limit-Info: api-usage=18/5000} (REST API Developer Guide, "Limit Info Header").
   */
  static QuotaMonitor usageHeader(String header, String key, String quotaName) {
    Pattern p = Pattern.compile("(?:^|[,;\\s])" + Pattern.quote(key) + "\\s*=\\s*(\\d+)\\s*/\\s*(\\d+)");
    return headers -> headers.firstValue(header).flatMap(v -> {
      Matcher m = p.matcher(v);
      return m.find()
          ? Optional.of(new Usage(quotaName, Long.parseLong(m.group(1)), Long.parseLong(m.group(2))))
          : Optional.empty();
    });
  }
}
