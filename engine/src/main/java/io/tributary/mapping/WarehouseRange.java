package io.tributary.mapping;

import io.tributary.core.ColumnType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The dates and timestamps every sink can hold: 0001-01-01 to 9999-12-31 (BigQuery's DATE and TIMESTAMP range, the
 * narrowest of the four; PostgreSQL, DuckDB and Snowflake hold more). A value outside it, or PostgreSQL's
 * {@code infinity}, is a record error with the field, the value and the limit in its reason, so the record is
 * quarantined and the rest of its chunk loads; the sinks' encoders would otherwise overflow and fail the chunk on
 * every run.
 */
final class WarehouseRange {

  static final LocalDate MIN_DATE = LocalDate.of(1, 1, 1);
  static final LocalDate MAX_DATE = LocalDate.of(9999, 12, 31);
  static final Instant MIN_TIMESTAMP = Instant.parse("0001-01-01T00:00:00Z");
  /** Exclusive: the sinks keep microseconds, so the last value they hold is 9999-12-31T23:59:59.999999Z. */
  static final Instant END_TIMESTAMP = Instant.parse("+10000-01-01T00:00:00Z");

  private static final String TIMESTAMP_LIMITS = "0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z";
  private static final String DATE_LIMITS = "0001-01-01 to 9999-12-31";

  private WarehouseRange() {}

  static Instant timestamp(Instant value, Object raw) {
    if (value != null && (value.isBefore(MIN_TIMESTAMP) || !value.isBefore(END_TIMESTAMP))) {
      throw outside(raw, ColumnType.TIMESTAMP);
    }
    return value;
  }

  static LocalDate date(LocalDate value, Object raw) {
    if (value != null && (value.isBefore(MIN_DATE) || value.isAfter(MAX_DATE))) {
      throw outside(raw, ColumnType.DATE);
    }
    return value;
  }

  /** {@code infinity} (as the JDBC source passes PostgreSQL's, or as text in a file) is never a value a sink holds. */
  static void rejectInfinity(Object raw, ColumnType type) {
    if (raw instanceof CharSequence text) {
      String word = text.toString().trim().toLowerCase(Locale.ROOT);
      if (word.equals("infinity") || word.equals("-infinity") || word.equals("+infinity")) {
        throw outside(raw, type);
      }
    }
  }

  private static InvalidValue outside(Object raw, ColumnType type) {
    boolean date = type == ColumnType.DATE;
    return new InvalidValue("'" + ValueCoercer.abbreviate(String.valueOf(raw)) + "' is outside the "
        + (date ? "dates" : "timestamps") + " a warehouse can hold (" + (date ? DATE_LIMITS : TIMESTAMP_LIMITS) + ")");
  }
}
