package io.tributary.source.jdbc;

import java.util.List;
import java.util.StringJoiner;

/**
 * The SQL of one key-set page, never OFFSET: rows strictly after the last key, or from a lower bound, ordered by the
 * keys. The key is the cursor column (if any) followed by the primary key; the comparison is spelt out as
 * {@code k1 > ? OR (k1 = ? AND k2 > ?) ...}, which PostgreSQL, MariaDB and H2 all accept and index.
 *
 * <p>A nullable cursor is read in two phases, each an index range scan on {@code (cursor, primary key)}: the rows
 * whose cursor is NULL in primary key order ({@link #nullCursorPhase}), then the others in key order. Sorting both by
 * {@code COALESCE(cursor, sentinel)} in one query made every page sort the whole table.
 *
 * @param from the FROM item, aliased {@code s}
 * @param keyRefs the SQL references of the compared key columns, in order
 * @param conditions conditions every row must meet, joined with AND: the partition's range
 *     ({@code s."id" >= ? AND s."id" < ?}, bound first) and a nullable cursor's phase ({@code s."c" IS NULL}); empty
 *     for none
 * @param orderRefs the ORDER BY columns: the key columns, led by the cursor in the NULL phase (which matches the
 *     index's order, so PostgreSQL scans it instead of sorting)
 */
record JdbcKeysetQuery(String from, List<String> keyRefs, String conditions, List<String> orderRefs) {

  JdbcKeysetQuery(String from, List<String> keyRefs, String range) {
    this(from, keyRefs, range, keyRefs);
  }

  JdbcKeysetQuery(String from, List<String> keyRefs) {
    this(from, keyRefs, "");
  }

  /** The rows whose cursor (the first key) is not NULL; the NULL ones are read by {@link #nullCursorPhase}. */
  JdbcKeysetQuery cursorNotNull() {
    return new JdbcKeysetQuery(from, keyRefs, and(keyRefs.get(0) + " IS NOT NULL"), orderRefs);
  }

  /** The rows whose cursor (the first key) is NULL, compared by the primary key alone. */
  JdbcKeysetQuery nullCursorPhase() {
    return new JdbcKeysetQuery(from, keyRefs.subList(1, keyRefs.size()), and(keyRefs.get(0) + " IS NULL"), keyRefs);
  }

  /** Rows from the start. */
  String first(int limit) {
    return "SELECT * FROM " + from + (conditions.isEmpty() ? "" : " WHERE " + conditions) + orderBy(limit);
  }

  /**
   * Rows whose key is strictly greater than the bound key; parameters as {@link #afterParameterKeys}. The leading
   * {@code k1 >= ?} is implied by the OR chain but lets PostgreSQL start an index range scan at the bound instead of
   * re-scanning every row before it on each page.
   */
  String after(int limit) {
    StringJoiner or = new StringJoiner(" OR ", where() + keyRefs.get(0) + " >= ? AND (", ")");
    for (int i = 0; i < keyRefs.size(); i++) {
      StringJoiner and = new StringJoiner(" AND ", "(", ")");
      for (int j = 0; j < i; j++) {
        and.add(keyRefs.get(j) + " = ?");
      }
      and.add(keyRefs.get(i) + " > ?");
      or.add(and.toString());
    }
    return "SELECT * FROM " + from + or + orderBy(limit);
  }

  /** Rows whose first key is at least the bound (lookback start). */
  String from(int limit) {
    return "SELECT * FROM " + from + where() + keyRefs.get(0) + " >= ?" + orderBy(limit);
  }

  private String where() {
    return conditions.isEmpty() ? " WHERE " : " WHERE " + conditions + " AND ";
  }

  private String and(String condition) {
    return conditions.isEmpty() ? condition : conditions + " AND " + condition;
  }

  /** The compared key column index bound at each parameter of {@link #after}, in parameter order. */
  int[] afterParameterKeys() {
    int n = keyRefs.size();
    int[] keys = new int[1 + n * (n + 1) / 2];
    int p = 0;
    keys[p++] = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        keys[p++] = j;
      }
    }
    return keys;
  }

  private String orderBy(int limit) {
    return " ORDER BY " + String.join(", ", orderRefs) + " LIMIT " + limit;
  }
}
