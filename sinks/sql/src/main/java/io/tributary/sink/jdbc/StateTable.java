package io.tributary.sink.jdbc;

import io.tributary.core.ColumnType;
import io.tributary.core.Cursor;
import io.tributary.core.SystemTables;
import io.tributary.sink.CursorJson;
import io.tributary.sink.StateRowFence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@link SystemTables#STATE} of a warehouse whose chunks commit with their state row (PostgreSQL, DuckDB): one row per
 * job and stream holding the position of the last committed chunk, written in the chunk's transaction so it is exact
 * after a crash between the warehouse and the job repository commits; the rows its chunks added to the table they
 * load ({@code target_table}, {@code target_rows}, see {@link CommittedRowsCheck}); the writer that claimed the row
 * ({@link StateRowFence}); and the job instance whose replace copy was swapped in ({@code published_instance}).
 */
public final class StateTable {

  private final SqlDialect<?> dialect;
  private final String schema;
  private final String table;

  public StateTable(SqlDialect<?> dialect, String schema) {
    this.dialect = dialect;
    this.schema = schema;
    this.table = dialect.qualified(schema, SystemTables.STATE);
  }

  /** Creates the table, or adds the columns an older Tributary's table lacks. Under the schema's DDL lock. */
  public void create(Connection c) throws SQLException {
    Map<String, String> later = laterColumns();
    StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table).append(" (")
        .append(q("job")).append(' ').append(dialect.ddl(ColumnType.STRING)).append(" NOT NULL, ")
        .append(q("stream")).append(' ').append(dialect.ddl(ColumnType.STRING)).append(" NOT NULL, ")
        .append(q("instance_id")).append(' ').append(dialect.ddl(ColumnType.INTEGER)).append(" NOT NULL, ")
        .append(q("position")).append(' ').append(dialect.ddl(ColumnType.STRING)).append(" NOT NULL, ")
        .append(q("updated_at")).append(' ').append(dialect.ddl(ColumnType.TIMESTAMP)).append(" NOT NULL, ");
    later.forEach((column, type) -> ddl.append(q(column)).append(' ').append(type).append(", "));
    ddl.append("PRIMARY KEY (").append(q("job")).append(", ").append(q("stream")).append("))");
    try (Statement s = c.createStatement()) {
      s.execute(ddl.toString());
      // checked first: ALTER TABLE locks the table even when it changes nothing (PostgreSQL takes an exclusive lock,
      // which would wait for every chunk transaction of the schema in flight)
      Map<String, ?> existing = new TableSetup<>(dialect, c).columns(schema, SystemTables.STATE);
      for (Map.Entry<String, String> column : later.entrySet()) {
        if (!existing.containsKey(dialect.columnKey(dialect.stored(column.getKey())))) {
          s.execute("ALTER TABLE " + table + " ADD COLUMN " + q(column.getKey()) + " " + column.getValue());
        }
      }
    }
  }

  /** The columns added after the first release, which an older table gains. */
  private Map<String, String> laterColumns() {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("target_table", dialect.ddl(ColumnType.STRING));
    columns.put("target_rows", dialect.ddl(ColumnType.INTEGER) + " DEFAULT 0");
    columns.put("writer", dialect.ddl(ColumnType.STRING));
    columns.put("published_instance", dialect.ddl(ColumnType.INTEGER));
    return columns;
  }

  /** The committed position of {@code instanceId}, or empty when none or another job instance wrote it. */
  public Optional<Cursor> read(Connection c, String job, String stream, long instanceId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + q("instance_id") + ", " + q("position") + " FROM "
        + table + " WHERE " + q("job") + " = ? AND " + q("stream") + " = ?")) {
      ps.setString(1, job);
      ps.setString(2, stream);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getLong(1) != instanceId) {
          return Optional.empty();
        }
        return Optional.of(CursorJson.read(rs.getString(2)));
      }
    }
  }

  /** The key of the job instance that wrote the stream's state row last, or empty when the stream has none. */
  public Optional<Long> owner(Connection c, String job, String stream) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + q("instance_id") + " FROM " + table + " WHERE "
        + q("job") + " = ? AND " + q("stream") + " = ?")) {
      ps.setString(1, job);
      ps.setString(2, stream);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  /** Whether the replace swap of {@code instanceId} committed: the stream is complete for that job instance. */
  public boolean published(Connection c, String job, String stream, long instanceId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " WHERE " + q("job") + " = ? AND "
        + q("stream") + " = ? AND " + q("published_instance") + " = ?")) {
      ps.setString(1, job);
      ps.setString(2, stream);
      ps.setLong(3, instanceId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Claims the stream's row for the writer {@code token} ({@link StateRowFence}), creating it at START for
   * {@code instanceId} when there is none; waits for a chunk of an earlier writer in flight (its row lock).
   */
  public void claim(Connection c, String job, String stream, long instanceId, String targetTable, String token)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(upsert("writer") + " DO UPDATE SET " + q("writer") + " = EXCLUDED."
        + q("writer"))) {
      bindRow(ps, job, stream, instanceId, targetTable, 0);
      ps.setString(7, token);
      ps.executeUpdate();
    }
  }

  /**
   * Makes {@code rows} the job's committed count of {@code targetTable}, kept on this stream's row, which now belongs
   * to {@code instanceId} at position START (so a restart of this instance checks instead of accepting the table
   * again): for a full refresh, which accepts the table as it is, and for a new replace table.
   */
  public void rebaseline(Connection c, String job, String stream, long instanceId, String targetTable, long rows)
      throws SQLException {
    new CommittedRowsCheck(dialect, schema, job, targetTable).forget(c);
    String update = Stream.of("instance_id", "position", "updated_at", "target_table", "target_rows")
        .map(column -> q(column) + " = EXCLUDED." + q(column)).collect(Collectors.joining(", ", " DO UPDATE SET ", ""));
    try (PreparedStatement ps = c.prepareStatement(upsert(null) + update)) {
      bindRow(ps, job, stream, instanceId, targetTable, rows);
      ps.executeUpdate();
    }
  }

  /**
   * Records a committed chunk of the writer {@code token}: its position, and the {@code addedRows} it added to
   * {@code targetTable} (counted on from the row's earlier chunks while they loaded the same table). One UPDATE: the
   * claim at open made the row, and DuckDB spends about twice the CPU on an upsert of one row, once per chunk. Fails,
   * rolling the chunk back, when another writer claimed the row since.
   */
  public void save(Connection c, String job, String stream, long instanceId, Cursor position, String targetTable,
      long addedRows, String token) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET " + q("instance_id") + " = ?, "
        + q("position") + " = ?, " + q("updated_at") + " = CURRENT_TIMESTAMP, " + q("target_rows") + " = CASE WHEN "
        + q("target_table") + " = ? THEN COALESCE(" + q("target_rows") + ", 0) + ? ELSE ? END, " + q("target_table")
        + " = ? WHERE " + fenced())) {
      ps.setLong(1, instanceId);
      ps.setString(2, CursorJson.write(position));
      ps.setString(3, targetTable);
      ps.setLong(4, addedRows);
      ps.setLong(5, addedRows);
      ps.setString(6, targetTable);
      bindFence(ps, 7, job, stream, token);
      requireClaim(ps.executeUpdate(), job, stream, token);
    }
  }

  /**
   * Records, in the replace swap's transaction, that {@code instanceId} published its copy, now {@code targetTable}
   * with the rows the chunks committed: a restart of the instance (killed before the job repository completed the
   * step) finds the stream complete instead of an empty replace table.
   */
  public void markPublished(Connection c, String job, String stream, long instanceId, String targetTable, String token)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET " + q("published_instance") + " = ?, "
        + q("target_table") + " = ?, " + q("updated_at") + " = CURRENT_TIMESTAMP WHERE " + fenced())) {
      ps.setLong(1, instanceId);
      ps.setString(2, targetTable);
      bindFence(ps, 3, job, stream, token);
      requireClaim(ps.executeUpdate(), job, stream, token);
    }
  }

  /** {@code INSERT} of a row at START, with {@code extra} as its seventh value, up to {@code ON CONFLICT (key)}. */
  private String upsert(String extra) {
    return "INSERT INTO " + table + " (" + q("job") + ", " + q("stream") + ", " + q("instance_id") + ", "
        + q("position") + ", " + q("target_table") + ", " + q("target_rows") + (extra == null ? "" : ", " + q(extra))
        + ", " + q("updated_at") + ") VALUES (?, ?, ?, ?, ?, ?" + (extra == null ? "" : ", ?")
        + ", CURRENT_TIMESTAMP) ON CONFLICT (" + q("job") + ", " + q("stream") + ")";
  }

  private static void bindRow(PreparedStatement ps, String job, String stream, long instanceId, String targetTable,
      long rows) throws SQLException {
    ps.setString(1, job);
    ps.setString(2, stream);
    ps.setLong(3, instanceId);
    ps.setString(4, CursorJson.write(Cursor.START));
    ps.setString(5, targetTable);
    ps.setLong(6, rows);
  }

  private String fenced() {
    return q("job") + " = ? AND " + q("stream") + " = ? AND " + q("writer") + " = ?";
  }

  private static void bindFence(PreparedStatement ps, int first, String job, String stream, String token)
      throws SQLException {
    ps.setString(first, job);
    ps.setString(first + 1, stream);
    ps.setString(first + 2, token);
  }

  private void requireClaim(int updated, String job, String stream, String token) {
    if (updated == 0) {
      throw StateRowFence.takenOver(job, stream, SystemTables.STATE, token);
    }
  }

  private String q(String column) {
    return dialect.quote(column);
  }
}
