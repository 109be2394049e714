package io.tributary.source.jdbc;

import io.tributary.core.SystemColumns;
import java.util.List;
import java.util.StringJoiner;

/**
 * The SQL of one key-set page, never OFFSET: rows strictly after the last key, or from a lower bound, ordered by the
 * keys. The key is the cursor column (if any) followed by the primary key; the comparison is spelt out as
 * {@code k1 > ? OR (k1 = ? AND k2 > ?) ...}, which PostgreSQL, MariaDB and H2 all accept and index.
 *
 * @param from the FROM item, aliased {@code s}
 * @param keyRefs the SQL references of the key columns, in order
 * @param nullableCursor whether the FROM item carries a leading {@code COALESCE} parameter for a nullable cursor
 * @param range the conditions restricting the read to one partition ({@code s."id" >= ? AND s."id" < ?}), bound
 *     right after the nullable-cursor parameter; empty for the whole stream
 */
record JdbcKeysetQuery(String from, List<String> keyRefs, boolean nullableCursor, String range) {

  JdbcKeysetQuery(String from, List<String> keyRefs, boolean nullableCursor) {
    this(from, keyRefs, nullableCursor, "");
  }

  /** Name of the computed column holding a nullable cursor with NULL replaced by a sentinel. */
  static final String SORT_COLUMN = SystemColumns.PREFIX + "cursor";

  /** Rows from the start. */
  String first(int limit) {
    return "SELECT * FROM " + from + (range.isEmpty() ? "" : " WHERE " + range) + orderBy(limit);
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
    return range.isEmpty() ? " WHERE " : " WHERE " + range + " AND ";
  }

  /** The key column index bound at each parameter of {@link #after}, in parameter order. */
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
    return " ORDER BY " + String.join(", ", keyRefs) + " LIMIT " + limit;
  }
}
