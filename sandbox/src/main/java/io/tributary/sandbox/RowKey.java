package io.tributary.sandbox;

import java.time.Instant;
import java.util.Comparator;

/**
 * The order key of a sandbox row: its modification stamp, then its index. Platforms generate ids that grow with the
 * index, so this is also the vendor's {@code (SystemModstamp, Id)} order.
 *
 * @param modstamp the row's current modification stamp
 * @param index the row's index in its object
 */
public record RowKey(Instant modstamp, long index) implements Comparable<RowKey> {

  private static final Comparator<RowKey> ORDER =
      Comparator.comparing(RowKey::modstamp).thenComparingLong(RowKey::index);

  /** A bound just below every row stamped {@code at}: use as an exclusive lower bound for "modstamp >= at". */
  public static RowKey before(Instant at) {
    return new RowKey(at, -1);
  }

  /** A bound just above every row stamped {@code at}: use as an exclusive lower bound for "modstamp > at". */
  public static RowKey after(Instant at) {
    return new RowKey(at, Long.MAX_VALUE);
  }

  @Override
  public int compareTo(RowKey other) {
    return ORDER.compare(this, other);
  }
}
