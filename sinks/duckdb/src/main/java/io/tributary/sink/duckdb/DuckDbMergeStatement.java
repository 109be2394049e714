package io.tributary.sink.duckdb;

import static io.tributary.core.Identifiers.quote;

import io.tributary.core.Column;
import io.tributary.core.RunInfo;
import io.tributary.core.StreamSchema;
import io.tributary.core.SystemColumns;
import io.tributary.core.SystemTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Merges a staged chunk into its target by primary key, inside the chunk transaction: the staging rows are
 * deduplicated (the last load ordinal of each key wins), rows marked deleted only flag an existing row (a deleted
 * record may carry nothing but its key), and every other row replaces the target's row of that key by
 * DELETE + INSERT. The target has no PRIMARY KEY; see {@link DuckDbDialect}.
 */
final class DuckDbMergeStatement {

  static final String STAGE = SystemTables.working("stage");
  /** Per-connection table of a chunk's keys only, for {@link #deleteStagedKeys}. */
  static final String KEYS = SystemTables.working("keys");
  private static final String LATEST = SystemTables.working("latest");

  private final String target;
  private final String columnList;
  private final String selectList;
  private final String keyMatch;
  private final String keyList;
  private final String keepOnDelete;

  DuckDbMergeStatement(String qualifiedTarget, StreamSchema stream) {
    this.target = qualifiedTarget;
    List<String> names = stream.columns().stream().map(c -> quote(c.name())).toList();
    this.columnList = String.join(", ", names);
    this.selectList = names.stream().map(n -> "s." + n).collect(Collectors.joining(", "));
    this.keyList = stream.primaryKey().stream().map(k -> quote(k)).collect(Collectors.joining(", "));
    // A delete that carries values replaces the row's values like an update; a key-only delete (every other
    // column NULL) only flags the existing row.
    List<String> others = stream.columns().stream().map(Column::name)
        .filter(n -> !stream.primaryKey().contains(n)).map(n -> quote(n)).toList();
    String keyOnly = others.isEmpty() ? "true"
        : others.stream().map(n -> "s." + n + " IS NULL").collect(Collectors.joining(" AND ", "(", ")"));
    this.keepOnDelete = others.stream()
        .map(n -> n + " = CASE WHEN " + keyOnly + " THEN t." + n + " ELSE s." + n + " END, ")
        .collect(Collectors.joining());
    // Plain equality (keys are never null, see DuckDbTableWriter): with IS NOT DISTINCT FROM DuckDB 2.0 cannot push
    // the join's key range into the target scan and the DELETE got ~10x slower on a 1M-row target.
    this.keyMatch = stream.primaryKey().stream()
        .map(k -> "t." + quote(k) + " = s." + quote(k))
        .collect(Collectors.joining(" AND "));
  }

  /** DDL of the per-connection staging table; creating it is also the chunk transaction's first statement. */
  static String createStage(StreamSchema stream) {
    StringBuilder sql = new StringBuilder("CREATE OR REPLACE TEMP TABLE " + quote(STAGE) + " (")
        .append(quote(SystemColumns.SEQ)).append(" BIGINT");
    for (Column column : stream.columns()) {
      sql.append(", ").append(quote(column.name())).append(' ').append(DuckDbType.of(column).ddl());
    }
    return sql.append(", ").append(quote(SystemColumns.DELETED)).append(" BOOLEAN)").toString();
  }

  /** DDL of the per-connection key table; creating it is also the chunk transaction's first statement. */
  static String createKeyStage(StreamSchema stream) {
    StringBuilder sql = new StringBuilder("CREATE OR REPLACE TEMP TABLE " + quote(KEYS) + " (");
    for (int k = 0; k < stream.primaryKey().size(); k++) {
      Column column = stream.column(stream.primaryKey().get(k)).orElseThrow();
      sql.append(k == 0 ? "" : ", ").append(quote(column.name())).append(' ').append(DuckDbType.of(column).ddl());
    }
    return sql.append(')').toString();
  }

  /**
   * The fast merge of a chunk with no repeated key and no deleted row: deletes the target's rows whose key is in
   * {@link #KEYS}, after which the caller appends the chunk's rows straight into the target. Same result as
   * {@link #apply} for such a chunk, without copying every row through the staging table.
   */
  int deleteStagedKeys(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      return s.executeUpdate("DELETE FROM " + target + " AS t USING " + quote(KEYS) + " AS s WHERE " + keyMatch);
    }
  }

  /**
   * @param duplicateKeys whether a key occurs more than once in the chunk; only then is the stage deduplicated
   * @param anyDeleted whether the chunk holds a deleted row; without one the soft-delete statements, which scan the
   *     target, are skipped
   * @return how many rows the target gained (inserted minus deleted)
   */
  long apply(Connection c, RunInfo run, boolean duplicateKeys, boolean anyDeleted) throws SQLException {
    String latest = quote(duplicateKeys ? LATEST : STAGE);
    String deleted = quote(SystemColumns.DELETED);
    if (duplicateKeys) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE OR REPLACE TEMP TABLE " + latest + " AS SELECT * FROM " + quote(STAGE)
            + " QUALIFY row_number() OVER (PARTITION BY " + keyList + " ORDER BY " + quote(SystemColumns.SEQ)
            + " DESC) = 1");
      }
    }
    if (anyDeleted) {
      softDelete(c, run, latest);
    }
    long removed;
    try (Statement s = c.createStatement()) {
      removed = s.executeUpdate("DELETE FROM " + target + " AS t USING " + latest + " AS s WHERE NOT s." + deleted
          + " AND " + keyMatch);
    }
    String newDeletedKeys = anyDeleted
        ? " OR NOT EXISTS (SELECT 1 FROM " + target + " AS t WHERE " + keyMatch + ")"
        : "";
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + target + " (" + columnList + ", "
        + quote(SystemColumns.RUN_ID) + ", " + quote(SystemColumns.EXTRACTED_AT) + ", " + deleted + ") SELECT "
        + selectList + ", ?, ?, s." + deleted + " FROM " + latest + " AS s WHERE NOT s." + deleted
        + newDeletedKeys)) {
      bindRun(ps, run, 1);
      return ps.executeUpdate() - removed;
    }
  }

  /**
   * Inserts {@code SELECT <values>, run id, extracted at, false FROM <from>} into the target, the values in the
   * stream's column order; returns how many rows.
   */
  long insertSelect(Connection c, RunInfo run, String values, String from) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + target + " (" + columnList + ", "
        + quote(SystemColumns.RUN_ID) + ", " + quote(SystemColumns.EXTRACTED_AT) + ", " + quote(SystemColumns.DELETED)
        + ") SELECT " + values + ", ?, ?, false FROM " + from)) {
      bindRun(ps, run, 1);
      return ps.executeUpdate();
    }
  }

  /** Whether the target holds no row at all (soft-deleted ones count), as this transaction sees it. */
  boolean targetEmpty(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + target + ")")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /** How many of the target's rows share their key with another row. */
  long repeatedKeys(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) - count(DISTINCT (" + keyList + ")) FROM " + target)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Empties the target again: undoes a load into a target that was empty before it. */
  void clearTarget(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM " + target);
    }
  }

  /** Appends every staged row (none deleted) to the target in load-ordinal order, for a stream without a key. */
  long appendStage(Connection c, RunInfo run) throws SQLException {
    return insertSelect(c, run, selectList, quote(STAGE) + " AS s ORDER BY s." + quote(SystemColumns.SEQ));
  }

  private void softDelete(Connection c, RunInfo run, String latest) throws SQLException {
    String deleted = quote(SystemColumns.DELETED);
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + target + " AS t SET " + keepOnDelete + deleted + " = true, "
        + quote(SystemColumns.RUN_ID) + " = ?, " + quote(SystemColumns.EXTRACTED_AT) + " = ? FROM " + latest
        + " AS s WHERE s." + deleted + " AND " + keyMatch)) {
      bindRun(ps, run, 1);
      ps.executeUpdate();
    }
  }

  private static void bindRun(PreparedStatement ps, RunInfo run, int first) throws SQLException {
    ps.setLong(first, run.runId());
    ps.setObject(first + 1, OffsetDateTime.ofInstant(run.extractedAt(), ZoneOffset.UTC));
  }
}
