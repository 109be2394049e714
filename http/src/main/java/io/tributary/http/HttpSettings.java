package io.tributary.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link ResilientHttpClient} talks to one platform: timeouts, retry/backoff, rate limit, circuit breaker,
 * quota stop share and TLS verification. A source builds it once per job with {@link #defaults(String, URI)} and
 * applies the job file's overrides with {@link #withOverrides(Map)}.
 *
 * @param platform short platform name used in messages, metrics and logs (e.g. "salesforce")
 * @param baseUri URI that relative request paths are resolved against (may be null when every call is absolute)
 * @param ratePermits permits per {@code ratePeriod}; 0 disables client-side rate limiting
 * @param maxRetryWait the longest single wait a {@code Retry-After} may impose before the call fails as transient
 * @param circuitFailureRate failure percentage (transient failures only) that opens the circuit
 * @param quotaStopShare share of a platform quota (0..1] at which the run stops cleanly
 */
public record HttpSettings(
    String platform,
    URI baseUri,
    Duration connectTimeout,
    Duration readTimeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    double jitter,
    Duration maxRetryWait,
    int ratePermits,
    Duration ratePeriod,
    float circuitFailureRate,
    int circuitMinimumCalls,
    Duration circuitOpenWait,
    double quotaStopShare,
    boolean verifyTls) {

  public HttpSettings {
    Objects.requireNonNull(platform, "platform");
    requirePositive(connectTimeout, "connect_timeout");
    requirePositive(readTimeout, "read_timeout");
    requirePositive(initialBackoff, "initial_backoff");
    requirePositive(maxBackoff, "max_backoff");
    requirePositive(maxRetryWait, "max_retry_wait");
    requirePositive(ratePeriod, "rate_limit_period");
    requirePositive(circuitOpenWait, "circuit_open_wait");
    check(maxAttempts >= 1, "max_attempts must be at least 1");
    check(jitter >= 0 && jitter <= 1, "jitter must be between 0 and 1");
    check(ratePermits >= 0, "rate_limit_permits must be 0 (off) or positive");
    check(circuitFailureRate > 0 && circuitFailureRate <= 100, "circuit_failure_rate must be in (0, 100]");
    check(circuitMinimumCalls >= 1, "circuit_minimum_calls must be at least 1");
    check(quotaStopShare > 0 && quotaStopShare <= 1, "quota_stop_share must be in (0, 1]");
  }

  /** Defaults that suit a typical SaaS REST API; override per platform and per job. */
  public static HttpSettings defaults(String platform, URI baseUri) {
    return new HttpSettings(
        platform,
        baseUri,
        Duration.ofSeconds(10),
        Duration.ofSeconds(120),
        6,
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        0.2,
        Duration.ofMinutes(5),
        0,
        Duration.ofSeconds(1),
        50f,
        20,
        Duration.ofSeconds(30),
        0.9,
        true);
  }

  /**
   * Applies a job file's {@code http:} overrides (snake_case keys, durations like {@code 500ms}, {@code 10s},
   * {@code 2m} or ISO-8601). An unknown key is a CONFIG failure naming the accepted keys.
   */
  public HttpSettings withOverrides(Map<String, ?> overrides) {
    return HttpSettingsOverrides.apply(this, overrides);
  }

  public HttpSettings withBaseUri(URI uri) {
    return new HttpSettings(platform, uri, connectTimeout, readTimeout, maxAttempts, initialBackoff, maxBackoff,
        jitter, maxRetryWait, ratePermits, ratePeriod, circuitFailureRate, circuitMinimumCalls, circuitOpenWait,
        quotaStopShare, verifyTls);
  }

  public HttpSettings withRetry(int attempts, Duration initial, Duration max) {
    return new HttpSettings(platform, baseUri, connectTimeout, readTimeout, attempts, initial, max,
        jitter, maxRetryWait, ratePermits, ratePeriod, circuitFailureRate, circuitMinimumCalls, circuitOpenWait,
        quotaStopShare, verifyTls);
  }

  public HttpSettings withRateLimit(int permits, Duration period) {
    return new HttpSettings(platform, baseUri, connectTimeout, readTimeout, maxAttempts, initialBackoff, maxBackoff,
        jitter, maxRetryWait, permits, period, circuitFailureRate, circuitMinimumCalls, circuitOpenWait,
        quotaStopShare, verifyTls);
  }

  private static void requirePositive(Duration d, String key) {
    check(d != null && !d.isNegative() && !d.isZero(), key + " must be a positive duration");
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
