package io.tributary.sink.duckdb;

import io.tributary.core.Column;
import io.tributary.core.TableWriter.CsvColumn;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The SQL that converts one CSV column's text the way the engine's mapping would, for the values DuckDB provably
 * converts to the same value: a predicate that is true only for such text (a plain integer, a decimal with no more
 * digits than the column holds, an ISO date or UTC/offset timestamp inside 1000..9999, a boolean word, any text), and
 * the cast for it. A record with any other value (an exponent, surrounding spaces, {@code infinity}, another date
 * format, an invalid date, a null in a required field) fails the predicate and goes to the engine's mapping, which
 * loads or quarantines it as the Java path does. The raw column of slot {@code i} is {@code c<i>}.
 */
final class DuckDbCsvCasts {

  /** 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z in epoch microseconds: the mapping's range (WarehouseRange). */
  private static final long MIN_MICROS = -62_135_596_800_000_000L;
  private static final long END_MICROS = 253_402_300_800_000_000L;
  private static final String INTEGER = "[+-]?[0-9]{1,18}";
  /** At most 15 significant digits: both Java and DuckDB round such text to the same double. */
  private static final String DOUBLE = "[+-]?([0-9]{1,15}|[0-9]{1,7}\\.[0-9]{1,8})";
  private static final String DATE = "[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}";
  private static final String TIMESTAMP = DATE
      + "T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,6})?(Z|[+-](0[0-9]|1[0-7]):[0-5][0-9])?";
  private static final List<String> TRUE_WORDS = List.of("true", "t", "yes", "y", "1");
  private static final List<String> FALSE_WORDS = List.of("false", "f", "no", "n", "0");

  private DuckDbCsvCasts() {}

  /** Raw column name of a header slot. */
  static String raw(int slot) {
    return "c" + slot;
  }

  /** True exactly when the column's text converts natively to the mapping's value; never NULL. */
  static String plain(CsvColumn column) {
    Column c = column.column();
    if (column.slot() < 0) {
      return c.nullable() ? "true" : "false";
    }
    String v = raw(column.slot());
    String value = switch (c.type()) {
      case STRING -> "true";
      case INTEGER -> matches(v, INTEGER);
      case DECIMAL -> matches(v, decimal(c.precision(), c.scale()));
      case DOUBLE -> matches(v, DOUBLE);
      case BOOLEAN -> anyOf(v, Stream.concat(TRUE_WORDS.stream(), FALSE_WORDS.stream()).toList());
      case DATE -> matches(v, DATE) + " AND TRY_CAST(" + v + " AS DATE) IS NOT NULL";
      case TIMESTAMP -> matches(v, TIMESTAMP) + " AND coalesce(epoch_us(" + timestamp(v) + ") BETWEEN "
          + MIN_MICROS + " AND " + (END_MICROS - 1) + ", false)";
      case JSON -> "false";
    };
    return "(" + v + (c.nullable() ? " IS NULL OR " : " IS NOT NULL AND ") + "(" + value + "))";
  }

  /** The column's value for text that passed {@link #plain}. */
  static String cast(CsvColumn column, DuckDbType type) {
    if (column.slot() < 0) {
      return "CAST(NULL AS " + type.ddl() + ")";
    }
    String v = raw(column.slot());
    return switch (column.column().type()) {
      case STRING, JSON -> v;
      case INTEGER -> "CAST(" + v + " AS BIGINT)";
      case DECIMAL -> "CAST(" + v + " AS " + type.ddl() + ")";
      case DOUBLE -> "CAST(" + v + " AS DOUBLE)";
      case BOOLEAN -> anyOf(v, TRUE_WORDS);
      case DATE -> "TRY_CAST(" + v + " AS DATE)";
      case TIMESTAMP -> timestamp(v);
    };
  }

  /** Whether the mapping converts this column's type in a way {@link #plain} covers. */
  static boolean covered(Column column) {
    return switch (column.type()) {
      case JSON -> false;
      case DECIMAL -> column.precision() > 0;
      default -> true;
    };
  }

  private static String decimal(int precision, int scale) {
    String whole = precision == scale ? "0" : "[0-9]{1," + (precision - scale) + "}";
    return "[+-]?" + whole + (scale == 0 ? "" : "(\\.[0-9]{1," + scale + "})?");
  }

  /** Text without an offset is UTC, as the mapping reads it when the field has no timezone. */
  private static String timestamp(String v) {
    return "TRY_CAST(CASE WHEN regexp_matches(" + v + ", '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN " + v + " ELSE " + v
        + " || 'Z' END AS TIMESTAMPTZ)";
  }

  /**
   * Whether the lower-cased text is one of the words, as {@code =} tests joined by {@code OR}: never {@code IN}, which
   * DuckDB's optimizer rewrites into a hash join once the list has more than a few values, and a join loses the
   * file's record order (https://github.com/duckdb/duckdb/issues/24398; {@code = ANY} and {@code list_contains} too).
   * The order is what makes {@code rowid} a record's ordinal and the target's rows follow the file.
   */
  private static String anyOf(String v, List<String> words) {
    return words.stream().map(w -> "lower(" + v + ") = '" + w + "'").collect(Collectors.joining(" OR ", "(", ")"));
  }

  private static String matches(String v, String regex) {
    return "regexp_full_match(" + v + ", '" + regex + "')";
  }
}
