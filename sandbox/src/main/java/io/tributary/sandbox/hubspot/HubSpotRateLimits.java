package io.tributary.sandbox.hubspot;

import io.tributary.sandbox.VendorResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HubSpot's limits as the simulator enforces them: search at 5 requests a second (CRM search guide) and the private
 * app burst of 100 requests per rolling 10 seconds, plus the daily count. Non-search responses carry the full
 * {@code X-HubSpot-RateLimit-*} set, search responses only the daily pair, as in the recorded responses. Windows
 * are counted on the {@link io.tributary.sandbox.SandboxClock}, so a test lets one pass by advancing it.
 */
final class HubSpotRateLimits {

  static final int SEARCH_PER_SECOND = 5;
  static final int BURST_MAX = 100;
  static final long BURST_WINDOW_MS = 10_000;
  static final long REPORTED_DAILY = 250_000;

  private final Deque<Long> search = new ArrayDeque<>();
  private final Deque<Long> burst = new ArrayDeque<>();
  private final AtomicLong daily = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final boolean enforce;

  HubSpotRateLimits(boolean enforce) {
    this.enforce = enforce;
  }

  /** Counts one call; returns the 429 to send when a limit is exceeded, else null. Adds the headers either way. */
  synchronized VendorResponse admit(boolean isSearch, long nowMs, Map<String, String> headers) {
    long used = daily.incrementAndGet();
    headers.put("X-HubSpot-RateLimit-Daily", Long.toString(REPORTED_DAILY));
    headers.put("X-HubSpot-RateLimit-Daily-Remaining", Long.toString(Math.max(0, REPORTED_DAILY - used)));
    Deque<Long> window = isSearch ? search : burst;
    long span = isSearch ? 1_000 : BURST_WINDOW_MS;
    int max = isSearch ? SEARCH_PER_SECOND : BURST_MAX;
    while (!window.isEmpty() && window.peekFirst() <= nowMs - span) {
      window.pollFirst();
    }
    if (!isSearch) {
      headers.put("X-HubSpot-RateLimit-Interval-Milliseconds", Long.toString(BURST_WINDOW_MS));
      headers.put("X-HubSpot-RateLimit-Max", Integer.toString(BURST_MAX));
      headers.put("X-HubSpot-RateLimit-Remaining", Integer.toString(Math.max(0, BURST_MAX - window.size() - 1)));
    }
    if (enforce && window.size() >= max) {
      rejected.incrementAndGet();
      return isSearch ? secondlyLimit() : tenSecondlyLimit();
    }
    window.addLast(nowMs);
    return null;
  }

  /** Calls answered with a rate-limit 429 so far (injected 429 faults not counted). */
  long rejected() {
    return rejected.get();
  }

  /** The body of the recorded search 429 (fixture recorded_search_429_secondly_limit.json); no Retry-After. */
  static VendorResponse secondlyLimit() {
    return HubSpotJson.error(429, "RATE_LIMITS", "You have reached your secondly limit.");
  }

  /**
   * The widely quoted 10-secondly 429 (fixture doc_error_429_rate_limit_widely_quoted.json; not verified against
   * HubSpot's own page).
   */
  static VendorResponse tenSecondlyLimit() {
    return VendorResponse.json(429, HubSpotJson.write(new java.util.LinkedHashMap<>(Map.of(
        "status", "error",
        "message", "You have reached your ten_secondly_rolling limit.",
        "errorType", "RATE_LIMIT",
        "correlationId", java.util.UUID.randomUUID().toString(),
        "policyName", "TEN_SECONDLY_ROLLING"))));
  }
}
