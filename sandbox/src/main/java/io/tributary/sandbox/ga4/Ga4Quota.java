package io.tributary.sandbox.ga4;

import io.tributary.sandbox.SandboxClock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The property's token buckets ("Data API quotas"): tokens per day and per hour, charged per request, windows on the
 * simulator's clock. A request that finds a bucket empty is refused with RESOURCE_EXHAUSTED and charged nothing.
 */
final class Ga4Quota {

  private final Ga4SandboxSettings settings;
  private final SandboxClock clock;
  private Instant day;
  private Instant hour;
  private long dayUsed;
  private long hourUsed;

  Ga4Quota(Ga4SandboxSettings settings, SandboxClock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** Charges one request; null when charged, otherwise the exhausted bucket's name ("day" or "hour"). */
  synchronized String charge() {
    roll();
    long cost = settings.tokensPerRequest();
    if (dayUsed + cost > settings.tokensPerDay()) {
      return "day";
    }
    if (hourUsed + cost > settings.tokensPerHour()) {
      return "hour";
    }
    dayUsed += cost;
    hourUsed += cost;
    return null;
  }

  /** The {@code propertyQuota} object of a response: consumed by this request and remaining, per bucket. */
  synchronized Map<String, Object> status() {
    Map<String, Object> q = new LinkedHashMap<>();
    long cost = settings.tokensPerRequest();
    q.put("tokensPerDay", bucket(cost, settings.tokensPerDay() - dayUsed));
    q.put("tokensPerHour", bucket(cost, settings.tokensPerHour() - hourUsed));
    q.put("concurrentRequests", bucket(0, 10));
    q.put("serverErrorsPerProjectPerHour", bucket(0, 10));
    q.put("potentiallyThresholdedRequestsPerHour", bucket(0, 120));
    q.put("tokensPerProjectPerHour", bucket(cost, settings.tokensPerHour() * 35 / 100 - Math.min(hourUsed,
        settings.tokensPerHour() * 35 / 100)));
    return q;
  }

  private static Map<String, Object> bucket(long consumed, long remaining) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("consumed", consumed);
    b.put("remaining", Math.max(0, remaining));
    return b;
  }

  private void roll() {
    Instant now = clock.now();
    Instant d = now.truncatedTo(ChronoUnit.DAYS);
    Instant h = now.truncatedTo(ChronoUnit.HOURS);
    if (!d.equals(day)) {
      day = d;
      dayUsed = 0;
    }
    if (!h.equals(hour)) {
      hour = h;
      hourUsed = 0;
    }
  }
}
