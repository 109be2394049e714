package io.tributary.sandbox.netsuite;

import io.tributary.sandbox.VendorResponse;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The account's concurrency limit: requests served at once, the most seen so far, and the requests refused because
 * every slot was busy (Oracle "Concurrency Governance"). Thread-safe.
 */
final class NetSuiteConcurrency {

  private final int limit;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private final AtomicLong rejections = new AtomicLong();

  NetSuiteConcurrency(int limit) {
    this.limit = limit;
  }

  /**
   * The answer of {@code request} when a slot is free, else {@code refusal}'s. The slot is given back before the
   * caller sends the answer, so a client that waits for it never sees its own slot busy.
   */
  VendorResponse serve(Supplier<VendorResponse> request, Supplier<VendorResponse> refusal) {
    int now = inFlight.incrementAndGet();
    try {
      peak.accumulateAndGet(now, Math::max);
      if (now > limit) {
        rejections.incrementAndGet();
        return refusal.get();
      }
      return request.get();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  int peak() {
    return peak.get();
  }

  long rejections() {
    return rejections.get();
  }
}
