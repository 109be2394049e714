package io.tributary.sandbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed-window request limit, like the per-second or per-minute limits many vendors publish ("100 calls per minute,
 * fixed window"), on the {@link SandboxClock}'s milliseconds. Thread-safe.
 */
public final class RequestRateLimiter {

  private final int limit;
  private final long windowMillis;
  private long windowStart = Long.MIN_VALUE;
  private int used;
  private final AtomicLong rejections = new AtomicLong();

  /** @param perSecond requests per one-second window; 0 or less for no limit */
  RequestRateLimiter(int perSecond) {
    this(perSecond, Duration.ofSeconds(1));
  }

  /**
   * @param limit requests per window; 0 or less for no limit
   * @param window the window's length; windows start at whole multiples of it since the epoch
   */
  public RequestRateLimiter(int limit, Duration window) {
    this.limit = limit;
    this.windowMillis = window.toMillis();
  }

  /** True when the request fits in the current window's budget (and counts it). */
  public synchronized boolean tryAcquire(long nowMillis) {
    if (limit <= 0) {
      return true;
    }
    long window = Math.floorDiv(nowMillis, windowMillis);
    if (window != windowStart) {
      windowStart = window;
      used = 0;
    }
    if (used >= limit) {
      rejections.incrementAndGet();
      return false;
    }
    used++;
    return true;
  }

  /** Requests this limit refused so far (the routes' ground truth for tests). */
  public long rejections() {
    return rejections.get();
  }

  /** Whole seconds until the current window ends (at least 1): the {@code Retry-After} of a refused request. */
  public long secondsUntilNextWindow(long nowMillis) {
    long left = windowMillis - Math.floorMod(nowMillis, windowMillis);
    return Math.max(1, (left + 999) / 1000);
  }
}
