package io.tributary.source.rest;

import io.tributary.core.Durations;
import io.tributary.core.TributaryException;
import io.tributary.source.rest.RestDefinition.RateLimitSpec;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * What a definition's {@code rate_limit} says beyond requests per window, for every source of one platform and base
 * URL in this process (two streams, or two jobs, share it): at most {@code concurrency} requests in flight, and the
 * platform's own budget as its rate-limit headers report it. When {@code remaining_header} says the window is spent,
 * the next request waits for {@code reset_header} (or one {@code per} window); when less than a tenth is left,
 * requests are spread one slice ({@code per / limit}) apart. So the client slows down before the platform answers
 * 429, instead of after. Thread-safe.
 */
final class RequestGate {

  private static final ConcurrentHashMap<String, RequestGate> GATES = new ConcurrentHashMap<>();
  private static final RequestGate OPEN = new RequestGate(null, Clock.systemUTC());

  private final Semaphore inFlight;
  private final RateLimitSpec spec;
  private final Duration window;
  private final Clock clock;
  private volatile Instant notBefore = Instant.EPOCH;

  private RequestGate(RateLimitSpec spec, Clock clock) {
    this.spec = spec;
    this.clock = clock;
    this.inFlight = spec == null || spec.concurrency() == null ? null : new Semaphore(spec.concurrency(), true);
    this.window = spec == null || spec.per() == null ? Duration.ofSeconds(1) : Durations.parse(spec.per());
  }

  /** The gate of {@code platform} at {@code base}; an open one when the definition declares no rate limit. */
  static RequestGate of(String platform, String base, RateLimitSpec spec, Clock clock) {
    if (spec == null || spec.concurrency() == null && spec.remainingHeader() == null) {
      return OPEN;
    }
    return GATES.computeIfAbsent(platform + "|" + base, k -> new RequestGate(spec, clock));
  }

  /** Runs one request (with its retries) once a concurrency slot is free and the header budget allows. */
  <T> T call(Supplier<T> request) {
    if (inFlight != null) {
      waitFor(inFlight::acquire, "a request slot");
    }
    try {
      long waitMs = Duration.between(clock.instant(), notBefore).toMillis();
      if (waitMs > 0) {
        waitFor(() -> Thread.sleep(waitMs), "the rate-limit window");
      }
      return request.get();
    } finally {
      if (inFlight != null) {
        inFlight.release();
      }
    }
  }

  /** A wait that may be interrupted. */
  private interface Wait {
    void run() throws InterruptedException;
  }

  private static void waitFor(Wait wait, String what) {
    try {
      wait.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TributaryException.transientFailure("interrupted while waiting for " + what, e);
    }
  }

  /** Reads the platform's rate-limit headers of a successful response. */
  void observe(HttpHeaders headers) {
    if (spec == null || spec.remainingHeader() == null) {
      return;
    }
    Long remaining = number(headers, spec.remainingHeader());
    if (remaining == null) {
      return;
    }
    Long limit = spec.limitHeader() == null ? null : number(headers, spec.limitHeader());
    Instant now = clock.instant();
    if (remaining <= 0) {
      Instant reset = resetAt(spec, headers, now);
      notBefore = reset != null ? reset : now.plus(window);
    } else if (limit != null && limit > 0 && remaining * 10 < limit) {
      notBefore = now.plus(window.dividedBy(limit));
    }
  }

  /** When the platform's window resets by its {@code reset_header} (epoch seconds, or seconds to wait), or null. */
  static Instant resetAt(RateLimitSpec spec, HttpHeaders headers, Instant now) {
    Long n = spec == null || spec.resetHeader() == null ? null : number(headers, spec.resetHeader());
    if (n == null) {
      return null;
    }
    boolean epoch = "epoch_seconds".equals(spec.resetFormat()) || n > 1_000_000_000L;
    return epoch ? Instant.ofEpochSecond(n) : now.plusSeconds(n);
  }

  private static Long number(HttpHeaders headers, String name) {
    return headers.firstValue(name).map(v -> {
      try {
        return Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }).orElse(null);
  }

  /** Forgets every gate (tests). */
  static void clear() {
    GATES.clear();
  }
}
