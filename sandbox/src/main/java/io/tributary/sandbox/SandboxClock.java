package io.tributary.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulators' one clock: token expiry, change stamps and every rate-limit window read it. Wall-clock time plus an
 * offset that tests advance without sleeping (expire a token, let a rate-limit window pass); a test may also stop it,
 * so that a window cannot pass on its own while it counts calls.
 */
public final class SandboxClock {

  private final AtomicLong offsetMillis = new AtomicLong();
  private volatile Instant stoppedAt;

  public Instant now() {
    Instant wall = stoppedAt;
    return (wall == null ? Instant.now() : wall).plusMillis(offsetMillis.get());
  }

  /** {@link #now()} in milliseconds since the epoch, for rate-limit windows. */
  public long millis() {
    return now().toEpochMilli();
  }

  /** This clock as a {@link Clock} in UTC, for a client under test that must read the simulator's time. */
  public Clock asClock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulator clock is UTC");
      }

      @Override
      public Instant instant() {
        return now();
      }
    };
  }

  public void advance(Duration by) {
    offsetMillis.addAndGet(by.toMillis());
  }

  /** Stops the clock where it is: from now on only {@link #advance} moves it. */
  public void stop() {
    stoppedAt = Instant.now();
  }

  /**
   * Stops the clock at {@code at}: a test whose outcome depends on the time of day (a date boundary, an hour's quota
   * window) pins it instead of inheriting the wall clock's.
   */
  public void stopAt(Instant at) {
    stoppedAt = at.minusMillis(offsetMillis.get());
  }
}
