package io.tributary.source.netsuite;

import io.tributary.core.TributaryException;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * One concurrency budget per NetSuite account for the whole process: every job, stream and partition reading the
 * same account shares it, because NetSuite limits requests in flight per account, not per integration. The first
 * source to ask fixes the limit; later ones with another setting get the same budget.
 */
final class NetSuiteConcurrency {

  private static final ConcurrentHashMap<String, Semaphore> PERMITS = new ConcurrentHashMap<>();

  private NetSuiteConcurrency() {}

  static Semaphore forAccount(String account, int limit) {
    return PERMITS.computeIfAbsent(account.toUpperCase(Locale.ROOT), k -> new Semaphore(limit, true));
  }

  /** Runs {@code call} holding one of the account's permits. */
  static <T> T withPermit(Semaphore permits, java.util.function.Supplier<T> call) {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TributaryException.transientFailure("netsuite: interrupted while waiting for a concurrency permit", e);
    }
    try {
      return call.get();
    } finally {
      permits.release();
    }
  }

  /** Forgets every budget (tests). */
  static void clear() {
    PERMITS.clear();
  }
}
