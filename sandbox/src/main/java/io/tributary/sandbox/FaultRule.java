package io.tributary.sandbox;

import java.time.Duration;

/**
 * One fault class of a {@link FaultSpec} and how often it fires.
 *
 * @param type what the server does
 * @param status the HTTP status for {@link Type#STATUS}, else 0
 * @param delay the added latency for {@link Type#SLOW}, else null
 * @param percent how often it fires, in percent of requests (0..100)
 */
public record FaultRule(Type type, int status, Duration delay, double percent) {

  /** The fault classes the sandbox can inject. */
  public enum Type {
    /** Answer with the vendor's error body for this status (429, 5xx) and a Retry-After header. */
    STATUS,
    /** Accept the request and never answer; the connection is closed after the server's timeout hold. */
    TIMEOUT,
    /** Answer normally after an extra delay. */
    SLOW,
    /** Read the request and drop the connection without an answer. */
    RESET,
    /** Answer normally but with one invalid value (or a truncated body); each platform documents which. */
    MALFORMED
  }

  /** A short label for fault logs: "429", "timeout", "slow", "reset", "malformed". */
  public String label() {
    return type == Type.STATUS ? Integer.toString(status) : type.name().toLowerCase(java.util.Locale.ROOT);
  }
}
