package io.tributary.http;

import io.tributary.core.TributaryException;
import java.time.Duration;

/**
 * Internal signal between one attempt and the resilience4j Retry: "this attempt failed in a way worth retrying".
 * Never escapes {@link ResilientHttpClient}; when attempts run out it becomes a TRANSIENT TributaryException.
 */
final class TransientCallFailure extends RuntimeException {

  private final Duration retryAfter;

  private final boolean surelyUnprocessed;

  TransientCallFailure(String message, Duration retryAfter, Throwable cause) {
    this(message, retryAfter, cause, false);
  }

  /** @param surelyUnprocessed true when the platform cannot have acted on the request (429, 503, no connection) */
  TransientCallFailure(String message, Duration retryAfter, Throwable cause, boolean surelyUnprocessed) {
    super(message, cause, false, false);
    this.retryAfter = retryAfter;
    this.surelyUnprocessed = surelyUnprocessed;
  }

  boolean surelyUnprocessed() {
    return surelyUnprocessed;
  }

  /** The server's Retry-After, or null. */
  Duration retryAfter() {
    return retryAfter;
  }

  TributaryException exhausted(int attempts) {
    return TributaryException.transientFailure(
        getMessage() + " (gave up after " + attempts + " attempt" + (attempts == 1 ? "" : "s") + ")", getCause());
  }
}
