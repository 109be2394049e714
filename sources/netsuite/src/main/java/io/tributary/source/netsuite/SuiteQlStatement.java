package io.tributary.source.netsuite;

import io.tributary.core.ColumnType;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the SuiteQL text of one query segment. Dates and datetimes are selected through TO_CHAR: without it SuiteQL
 * shows them in the user's date format, which drops the time of day. Bounds are full timestamps in the account's
 * time zone, with a key tie-break, never date-only slices (which drop the records of the bound's day).
 */
record SuiteQlStatement(NetSuiteStream stream, ZoneId zone) {

  static final String TS_FORMAT = "YYYY-MM-DD HH24:MI:SS";
  /** {@link #TS_FORMAT} in Java: how a timestamp column reads back ({@code TO_CHAR}) and how a bound is written. */
  static final DateTimeFormatter LOCAL_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  /** Full read in key order: rows with key above {@code afterKey} (null: from the start). */
  String byKey(Long afterKey) {
    List<String> where = baseWhere();
    if (afterKey != null) {
      where.add(stream.key() + " > " + afterKey);
    }
    return select(where) + " ORDER BY " + stream.key();
  }

  /**
   * Read in (modified, key) order. With {@code afterKey} the rows strictly after (since, afterKey); without it every
   * row modified at or after {@code since}; with neither, every row.
   */
  String byModified(Instant since, Long afterKey) {
    List<String> where = baseWhere();
    if (since != null) {
      String ts = literal(since);
      String m = stream.modified();
      where.add(afterKey == null ? m + " >= " + ts
          : "(" + m + " > " + ts + " OR (" + m + " = " + ts + " AND " + stream.key() + " > " + afterKey + "))");
    }
    return select(where) + " ORDER BY " + stream.modified() + ", " + stream.key();
  }

  /** {@code TO_TIMESTAMP('2024-01-01 04:00:05', 'YYYY-MM-DD HH24:MI:SS')} in the account's time zone. */
  String literal(Instant at) {
    return "TO_TIMESTAMP('" + LOCAL_TS.format(at.atZone(zone)) + "', '" + TS_FORMAT + "')";
  }

  private List<String> baseWhere() {
    List<String> where = new ArrayList<>();
    if (stream.where() != null && !stream.where().isBlank()) {
      where.add("(" + stream.where().strip() + ")");
    }
    return where;
  }

  private String select(List<String> where) {
    List<String> items = new ArrayList<>();
    stream.columns().forEach((name, type) -> items.add(switch (type) {
      case TIMESTAMP -> "TO_CHAR(" + name + ", '" + TS_FORMAT + "') AS " + name;
      case DATE -> "TO_CHAR(" + name + ", 'YYYY-MM-DD') AS " + name;
      default -> name;
    }));
    return "SELECT " + String.join(", ", items) + " FROM " + stream.table()
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where));
  }

  static boolean isTemporal(ColumnType t) {
    return t == ColumnType.TIMESTAMP || t == ColumnType.DATE;
  }
}
