package io.tributary.sandbox;

/**
 * A fixed one-second window request limit, like the per-second limits many vendors publish, on the
 * {@link SandboxClock}'s milliseconds.
 */
final class RequestRateLimiter {

  private final int perSecond;
  private long windowStart;
  private int used;

  RequestRateLimiter(int perSecond) {
    this.perSecond = perSecond;
  }

  /** True when the request fits in the current second's budget. */
  synchronized boolean tryAcquire(long nowMillis) {
    if (perSecond <= 0) {
      return true;
    }
    long window = nowMillis / 1000;
    if (window != windowStart) {
      windowStart = window;
      used = 0;
    }
    if (used >= perSecond) {
      return false;
    }
    used++;
    return true;
  }
}
