package io.tributary.source.jdbc;

import io.tributary.core.ColumnType;
import io.tributary.core.Cursor;
import io.tributary.core.TributaryException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a stream by its single integer primary key into contiguous ranges {@code [from, to)}: the first range has
 * no lower bound and the last no upper bound, so keys below the minimum or above the maximum seen at split time
 * (rows inserted meanwhile) still belong to exactly one part.
 */
final class JdbcPartitions {

  /** Inclusive lower bound of a part's key. */
  static final String FROM = "key_from";
  /** Exclusive upper bound of a part's key. */
  static final String TO = "key_to";

  private JdbcPartitions() {}

  /** At most {@code count} ranges covering {@code [min, max]} and beyond; one unbounded part if that is all. */
  static List<Map<String, String>> split(long min, long max, int count) {
    BigInteger lo = BigInteger.valueOf(min);
    BigInteger span = BigInteger.valueOf(max).subtract(lo).add(BigInteger.ONE);
    int n = span.min(BigInteger.valueOf(count)).intValueExact();
    List<Map<String, String>> parts = new ArrayList<>();
    if (n <= 1) {
      parts.add(Map.of());
      return parts;
    }
    String previous = null;
    for (int i = 1; i <= n; i++) {
      Map<String, String> part = new LinkedHashMap<>();
      if (previous != null) {
        part.put(FROM, previous);
      }
      if (i < n) {
        previous = lo.add(span.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(n))).toString();
        part.put(TO, previous);
      }
      parts.add(part);
    }
    return parts;
  }

  /** The SQL conditions of a part on {@code keyRef}, and their parameter values in order. */
  record Range(String conditions, List<Long> values) {

    static final Range ALL = new Range("", List.of());

    static Range of(Map<String, String> bounds, String keyRef, String stream) {
      if (bounds.isEmpty()) {
        return ALL;
      }
      List<String> conditions = new ArrayList<>();
      List<Long> values = new ArrayList<>();
      for (Map.Entry<String, String> e : bounds.entrySet()) {
        if (!e.getKey().equals(FROM) && !e.getKey().equals(TO)) {
          throw TributaryException.config("stream '" + stream + "': partition bound '" + e.getKey()
              + "' is not one the jdbc source writes", "run the job with --full-refresh to split it again");
        }
        conditions.add(keyRef + (e.getKey().equals(FROM) ? " >= ?" : " < ?"));
        values.add(Long.parseLong(e.getValue()));
      }
      return new Range(String.join(" AND ", conditions), List.copyOf(values));
    }
  }

  /** Checks that a stream can be split: one primary key column, of an integer type. */
  static JdbcColumn requireIntegerKey(String stream, List<JdbcColumn> columns, List<String> primaryKey) {
    if (primaryKey.size() != 1) {
      throw TributaryException.config("stream '" + stream + "' has partitions but its primary key is "
          + primaryKey + "; the jdbc source splits a stream only by a single integer key",
          "remove 'partitions:' from the stream, or set primary_key to one integer column");
    }
    for (JdbcColumn c : columns) {
      if (c.label().equalsIgnoreCase(primaryKey.get(0))) {
        if (c.type() != ColumnType.INTEGER) {
          throw TributaryException.config("stream '" + stream + "' has partitions but its key " + c.label()
              + " is " + c.typeName() + ", not an integer", "remove 'partitions:' from the stream");
        }
        return c;
      }
    }
    throw TributaryException.config("stream '" + stream + "': primary key field '" + primaryKey.get(0)
        + "' is not a column", "fix primary_key in the job file");
  }

  /**
   * The lowest watermark, comparing each key value as a number, an instant, a wall-clock time or a date, in key
   * order. Text values that differ are not compared (the database's collation decides their order, not Java's), nor
   * are values of two different forms: START is returned. A position without the cursor value (saved at a row whose
   * nullable cursor was NULL, read before every other) is lower than one with it.
   */
  static Cursor lowest(List<Cursor> watermarks) {
    Cursor lowest = null;
    for (Cursor w : watermarks) {
      if (lowest == null) {
        lowest = w;
        continue;
      }
      Integer c = compare(w, lowest);
      if (c == null) {
        return Cursor.START;
      }
      if (c < 0) {
        lowest = w;
      }
    }
    return lowest == null ? Cursor.START : lowest;
  }

  private static Integer compare(Cursor a, Cursor b) {
    if (!a.values().keySet().equals(b.values().keySet())) {
      return inNullCursorPhase(a, b) ? Integer.valueOf(-1) : inNullCursorPhase(b, a) ? Integer.valueOf(1) : null;
    }
    Iterator<String> keys = a.values().keySet().iterator();
    while (keys.hasNext()) {
      String k = keys.next();
      Integer c = compareValues(a.get(k), b.get(k));
      if (c == null || c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Whether {@code a} is {@code b} less its first key: the primary key alone, in the NULL-cursor phase. */
  private static boolean inNullCursorPhase(Cursor a, Cursor b) {
    List<String> keys = List.copyOf(b.values().keySet());
    return keys.size() == a.values().size() + 1 && List.copyOf(a.values().keySet()).equals(keys.subList(1, keys.size()));
  }

  private static Integer compareValues(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    try {
      return new BigDecimal(a).compareTo(new BigDecimal(b));
    } catch (NumberFormatException notNumbers) {
      // try the next shape
    }
    try {
      return Instant.parse(a).compareTo(Instant.parse(b));
    } catch (DateTimeParseException notInstants) {
      // try the next shape
    }
    try {
      return LocalDateTime.parse(a).compareTo(LocalDateTime.parse(b));
    } catch (DateTimeParseException notWallClockTimes) {
      // try the next shape
    }
    try {
      return LocalDate.parse(a).compareTo(LocalDate.parse(b));
    } catch (DateTimeParseException notDates) {
      return null;
    }
  }
}
