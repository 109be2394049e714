package io.tributary.sink.postgres;

import static io.tributary.core.Identifiers.quote;

import io.tributary.core.SystemColumns;
import io.tributary.core.SystemTables;
import io.tributary.sink.jdbc.TableLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of a merge: a session-local staging table shaped like the target, and one
 * {@code INSERT ... SELECT DISTINCT ON (key) ... ON CONFLICT (key) DO UPDATE} that keeps the last row of each key in
 * the chunk (by its ordinal). A deleted row that carries values replaces the row's values like an update (a value
 * that became NULL becomes NULL); a key-only delete (every other column NULL) only flags the existing row.
 */
final class PostgresMergeStatement {

  private static final String SEQ = SystemColumns.SEQ;

  private final TableLayout<PostgresType> layout;
  private final String staging;

  PostgresMergeStatement(TableLayout<PostgresType> layout) {
    this.layout = layout;
    // Named after the target and its current shape: a pooled session that still holds the staging table of an
    // earlier shape (before ALTER TABLE) gets a fresh one, and two long table names never share one after
    // PostgreSQL truncates identifiers to 63 bytes.
    String shape = layout.qualified() + layout.columns() + layout.types();
    this.staging = "pg_temp." + quote(SystemTables.STAGING_PREFIX + Integer.toHexString(shape.hashCode()));
  }

  String staging() {
    return staging;
  }

  /** Rows vanish at each commit; the table itself lives as long as the pooled connection. */
  String createStaging() {
    return "CREATE TEMP TABLE IF NOT EXISTS " + staging + " (LIKE " + layout.qualified() + ", " + quote(SEQ)
        + " bigint) ON COMMIT DELETE ROWS";
  }

  String stagingColumnList() {
    return layout.loadColumnList() + ", " + quote(SEQ);
  }

  String merge() {
    String columns = layout.loadColumnList();
    String key = layout.primaryKeyList();
    List<String> set = new ArrayList<>();
    List<String> values = layout.columns().stream().filter(c -> !layout.primaryKey().contains(c))
        .map(c -> "EXCLUDED." + quote(c)).toList();
    String keyOnly = values.isEmpty() ? "true" : "num_nonnulls(" + String.join(", ", values) + ") = 0";
    for (String c : layout.columns()) {
      if (!layout.primaryKey().contains(c)) {
        String q = quote(c);
        set.add(q + " = CASE WHEN EXCLUDED." + quote(SystemColumns.DELETED) + " AND " + keyOnly + " THEN t." + q
            + " ELSE EXCLUDED." + q + " END");
      }
    }
    for (String meta : SystemColumns.METADATA) {
      set.add(quote(meta) + " = EXCLUDED." + quote(meta));
    }
    return "INSERT INTO " + layout.qualified() + " AS t (" + columns + ") SELECT DISTINCT ON (" + key + ") "
        + columns + " FROM " + staging + " ORDER BY " + key + ", " + quote(SEQ) + " DESC ON CONFLICT (" + key
        + ") DO UPDATE SET " + String.join(", ", set);
  }

  /**
   * {@link #merge} returning one row: how many keys it inserted rather than updated, which is what the target's row
   * count grew by. A row version an ON CONFLICT update wrote carries the updating transaction in {@code xmax}; a
   * freshly inserted one has {@code xmax = 0}.
   */
  String mergeCountingInserts() {
    return "WITH merged AS (" + merge() + " RETURNING (xmax = 0) AS inserted)"
        + " SELECT count(*) FILTER (WHERE inserted) FROM merged";
  }
}
