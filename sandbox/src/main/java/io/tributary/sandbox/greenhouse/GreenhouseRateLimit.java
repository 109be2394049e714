package io.tributary.sandbox.greenhouse;

import io.tributary.sandbox.VendorResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Harvest's throttle: "API requests are limited to the amount specified in the returned X-RateLimit-Limit header (per
 * 10 seconds)", 50 in the documented example. A 2xx carries {@code X-RateLimit-Limit} and {@code -Remaining}; the 429
 * "will exclude" them and carries {@code Retry-After} (seconds) and {@code X-RateLimit-Reset} (a timestamp; the docs
 * do not say which kind: epoch seconds here). Windows are counted on the sandbox clock.
 */
final class GreenhouseRateLimit {

  static final int LIMIT = 50;
  static final long WINDOW_MS = 10_000;

  private final Deque<Long> window = new ArrayDeque<>();
  private final boolean enforce;
  private long rejected;

  GreenhouseRateLimit(boolean enforce) {
    this.enforce = enforce;
  }

  /** Counts a call at {@code nowMs}: the 429 to send, or null with the 2xx headers put into {@code headers}. */
  synchronized VendorResponse admit(long nowMs, Map<String, String> headers) {
    while (!window.isEmpty() && window.peekFirst() <= nowMs - WINDOW_MS) {
      window.pollFirst();
    }
    if (enforce && window.size() >= LIMIT) {
      rejected++;
      long resetMs = window.peekFirst() + WINDOW_MS;
      return throttled(nowMs, resetMs);
    }
    window.addLast(nowMs);
    headers.put("X-RateLimit-Limit", Integer.toString(LIMIT));
    headers.put("X-RateLimit-Remaining", Integer.toString(Math.max(0, LIMIT - window.size())));
    return null;
  }

  synchronized long rejected() {
    return rejected;
  }

  /** A 429 as documented: no X-RateLimit-Limit/Remaining, Retry-After and X-RateLimit-Reset. */
  static VendorResponse throttled(long nowMs, long resetMs) {
    long waitSeconds = Math.max(1, (resetMs - nowMs + 999) / 1000);
    return GreenhouseJson.message(429, "Too Many Requests")
        .withHeader("Retry-After", Long.toString(waitSeconds))
        .withHeader("X-RateLimit-Reset", Long.toString((resetMs + 999) / 1000));
  }
}
