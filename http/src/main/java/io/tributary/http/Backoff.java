package io.tributary.http;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, stretched to the server's Retry-After when that is longer (which
 * {@link CallFailures} already capped at max_retry_wait).
 */
final class Backoff implements IntervalBiFunction<Object> {

  private final HttpSettings settings;

  Backoff(HttpSettings settings) {
    this.settings = settings;
  }

  @Override
  public Long apply(Integer attempt, Either<Throwable, Object> outcome) {
    long wait = jittered(exponential(attempt));
    if (outcome != null && outcome.isLeft() && outcome.getLeft() instanceof TransientCallFailure f
        && f.retryAfter() != null) {
      wait = Math.max(wait, f.retryAfter().toMillis());
    }
    return wait;
  }

  long exponential(int attempt) {
    long initial = settings.initialBackoff().toMillis();
    long max = settings.maxBackoff().toMillis();
    int shift = Math.min(Math.max(attempt - 1, 0), 30);
    long raw = initial << shift;
    return raw <= 0 || raw > max ? max : raw;
  }

  private long jittered(long base) {
    double j = settings.jitter();
    if (j == 0) {
      return base;
    }
    double factor = 1 + ThreadLocalRandom.current().nextDouble(-j, j);
    return Math.max(1, Math.round(base * factor));
  }

  static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
