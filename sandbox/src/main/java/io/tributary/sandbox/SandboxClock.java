package io.tributary.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Wall-clock time plus an offset that tests can advance (for token expiry) without sleeping. */
public final class SandboxClock {

  private final AtomicLong offsetMillis = new AtomicLong();

  public Instant now() {
    return Instant.now().plusMillis(offsetMillis.get());
  }

  public void advance(Duration by) {
    offsetMillis.addAndGet(by.toMillis());
  }
}
