package io.tributary.core;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last quota use each platform reported in this process, for the quota meters and the quota alert: sources (or
 * the HTTP client on their behalf) call {@link #report} on their reading thread whenever a response tells how much
 * of a quota is used (HubSpot's and Salesforce's usage headers, GA4's {@code propertyQuota}, Marketo's exported
 * bytes); the application reads it at any time from any thread. A source never needs it to read correctly, so it
 * stays a plain map with no lifecycle, like Micrometer's global registry.
 */
public final class QuotaLedger {

  /**
   * One quota's use as last seen.
   *
   * @param platform the source type (hubspot, ga4, marketo, salesforce)
   * @param quota what the quota is, for people ("daily API limit")
   * @param used how much is used
   * @param limit the allowance, always above zero
   * @param seenAt when the platform said so
   */
  public record Usage(String platform, String quota, long used, long limit, Instant seenAt) {

    /** The used share in percent. */
    public double percent() {
      return used * 100.0 / limit;
    }
  }

  private static final Map<String, Usage> LAST = new ConcurrentHashMap<>();

  private QuotaLedger() {}

  /** Records a quota's use; an unknown or zero limit is ignored (there is no share to tell). */
  public static void report(String platform, String quota, long used, long limit) {
    if (limit > 0) {
      LAST.put(platform + '\u0000' + quota, new Usage(platform, quota, used, limit, Instant.now()));
    }
  }

  /** The quotas reported at or after {@code since} (for one run: its start), by platform and quota name. */
  public static List<Usage> since(Instant since) {
    return LAST.values().stream().filter(u -> !u.seenAt().isBefore(since))
        .sorted(Comparator.comparing(Usage::platform).thenComparing(Usage::quota)).toList();
  }
}
