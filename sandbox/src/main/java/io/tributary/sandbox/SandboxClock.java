package io.tributary.sandbox;

import java.time.Duration;
import java.time.Instant;
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

  public void advance(Duration by) {
    offsetMillis.addAndGet(by.toMillis());
  }

  /** Stops the clock where it is: from now on only {@link #advance} moves it. */
  public void stop() {
    stoppedAt = Instant.now();
  }
}
