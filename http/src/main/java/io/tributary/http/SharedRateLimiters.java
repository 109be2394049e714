package io.tributary.http;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One rate limiter per platform and account for the whole process: two streams of the same Salesforce org share
 * the org's budget. The first client to ask fixes the limit; later clients with other settings get the same one.
 */
public final class SharedRateLimiters {

  private static final ConcurrentHashMap<String, RateLimiter> LIMITERS = new ConcurrentHashMap<>();

  private SharedRateLimiters() {}

  /** The limiter for this platform/account, or null when the settings turn rate limiting off. */
  public static RateLimiter forAccount(HttpSettings s, String account) {
    if (s.ratePermits() <= 0) {
      return null;
    }
    String key = s.platform() + "|" + (account == null ? "" : account);
    return LIMITERS.computeIfAbsent(key, k -> RateLimiter.of("tributary-" + k, RateLimiterConfig.custom()
        .limitForPeriod(s.ratePermits())
        .limitRefreshPeriod(s.ratePeriod())
        .timeoutDuration(s.maxRetryWait())
        .build()));
  }

  /** Forgets every limiter (tests). */
  public static void clear() {
    LIMITERS.clear();
  }
}
