package io.tributary.sink;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The dates and timestamps a warehouse stores, from {@code start} (inclusive) to {@code end} (exclusive). An encoder
 * checks each value so that a wider one refuses its row (the reason names the warehouse's range), not the load.
 *
 * @param warehouse the name in the reason, for example "BigQuery"
 * @param dates how the reason states the date range
 * @param timestamps how the reason states the timestamp range
 */
public record TemporalRange(String warehouse, Instant start, Instant end, String dates, String timestamps) {

  /** Dates and timestamps from January 1st of {@code firstYear} to the end of year 9999. */
  public static TemporalRange years(String warehouse, int firstYear) {
    String years = "years " + firstYear + " to 9999";
    return new TemporalRange(warehouse, LocalDate.of(firstYear, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant(),
        Instant.parse("+10000-01-01T00:00:00Z"), years, years);
  }

  public LocalDate check(LocalDate d) {
    if (d.isBefore(LocalDate.ofInstant(start, ZoneOffset.UTC))
        || !d.isBefore(LocalDate.ofInstant(end, ZoneOffset.UTC))) {
      throw new IllegalArgumentException("date " + d + " is outside " + warehouse + "'s range (" + dates + ")");
    }
    return d;
  }

  public Instant check(Instant t) {
    if (t.isBefore(start) || !t.isBefore(end)) {
      throw new IllegalArgumentException("timestamp " + t + " is outside " + warehouse + "'s range (" + timestamps
          + ")");
    }
    return t;
  }
}
