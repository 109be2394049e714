package io.tributary.sink.staged;

import io.tributary.core.ColumnType;
import io.tributary.core.Cursor;
import io.tributary.core.SystemTables;
import io.tributary.core.TableSpec;
import io.tributary.sink.CursorJson;
import io.tributary.sink.StateRowFence;
import io.tributary.sink.jdbc.CommittedRowsCheck;
import io.tributary.sink.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * {@link SystemTables#STATE} of a staged warehouse: one row per job and stream with the position staged or published
 * last, whether the chunks staged so far have been published into the target, and the position this job instance has
 * published up to ({@code published_position}, null before its first publish). It is the one truth of a stream's
 * progress in a run: the job repository's step status commits separately and may lag it. {@code target_table} and
 * {@code target_rows} count the rows this stream's publishes inserted into its target, so a target that lost rows
 * behind Tributary is noticed ({@link io.tributary.core.CommittedRows}). Every write is one MERGE statement.
 *
 * <p>{@code writer} is the claim of the writer that opened the stream last ({@link StateRowFence}): a fenced writer
 * ({@code token} not null) claims the row at open, and each of its state writes changes the row only while it still
 * names that token, in the transaction of the chunk or publish, which fails and rolls back otherwise. A claim on a
 * stream without state makes a row of {@link #NO_INSTANCE}, which is no job instance's state.
 */
public final class StagedStateTable {

  /** What the state row says about one job instance; {@code publishedPosition} is null before its first publish. */
  public record Entry(Cursor position, boolean published, Cursor publishedPosition) {

    public boolean publishedBefore() {
      return publishedPosition != null;
    }
  }

  /** The {@code instance_id} of a row made by a writer's claim before any state: no job instance's. */
  public static final long NO_INSTANCE = -1;

  private final SqlDialect<?> dialect;
  private final String schema;
  private final String table;
  private final boolean upgradesOlderTables;

  /** @param upgradesOlderTables whether {@link #create} adds the columns an older Tributary's table lacks */
  public StagedStateTable(SqlDialect<?> dialect, String schema, boolean upgradesOlderTables) {
    this.dialect = dialect;
    this.schema = schema;
    this.table = dialect.qualified(schema, SystemTables.STATE);
    this.upgradesOlderTables = upgradesOlderTables;
  }

  public String create() {
    String text = dialect.ddl(ColumnType.STRING);
    String integer = dialect.ddl(ColumnType.INTEGER);
    return "CREATE TABLE IF NOT EXISTS " + table + " (" + q("job") + " " + text + " NOT NULL, " + q("stream") + " "
        + text + " NOT NULL, " + q("instance_id") + " " + integer + " NOT NULL, " + q("position") + " " + text
        + " NOT NULL, " + q("published") + " " + dialect.ddl(ColumnType.BOOLEAN) + " NOT NULL, " + q("updated_at")
        + " " + dialect.ddl(ColumnType.TIMESTAMP) + ", " + q("published_position") + " " + text + ", "
        + q("target_table") + " " + text + ", " + q("target_rows") + " " + integer + " DEFAULT 0, " + q("writer")
        + " " + text + ", PRIMARY KEY ("
        + q("job") + ", " + q("stream") + "))" + dialect.tableOptions();
  }

  /** The columns added after the first release, which an older table gains (rows of old: not counted). */
  public List<String> upgrades() {
    String add = "ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS ";
    return List.of(add + q("published_position") + " " + dialect.ddl(ColumnType.STRING),
        add + q("target_table") + " " + dialect.ddl(ColumnType.STRING),
        add + q("target_rows") + " " + dialect.ddl(ColumnType.INTEGER) + " DEFAULT 0",
        add + q("writer") + " " + dialect.ddl(ColumnType.STRING));
  }

  public void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(create());
      if (upgradesOlderTables) {
        for (String sql : upgrades()) {
          s.execute(sql);
        }
      }
    }
  }

  /**
   * Makes {@code rows} the job's committed count of {@code targetTable}, kept on this stream's row, which now belongs
   * to {@code instanceId} at the start, unpublished: a full refresh accepts the table as it is, and its restart
   * (the same instance) checks instead of accepting it again.
   */
  public void rebaseline(Connection c, String job, String stream, long instanceId, String targetTable, long rows,
      String token) throws SQLException {
    forget(c, job, targetTable);
    save(c, job, stream, instanceId, Cursor.START, false, null, targetTable, rows, token);
  }

  /**
   * Claims the stream's row for the writer {@code token} ({@link StateRowFence}), making it at START for
   * {@link #NO_INSTANCE} when there is none. From then on a writer that claimed it before fails its next state write.
   */
  public void claim(Connection c, String job, String stream, String token) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(claim())) {
      ps.setString(1, job);
      ps.setString(2, stream);
      ps.setString(3, token);
      ps.setLong(4, NO_INSTANCE);
      ps.setString(5, CursorJson.write(Cursor.START));
      ps.executeUpdate();
    }
  }

  public String claim() {
    String text = dialect.ddl(ColumnType.STRING);
    return "MERGE INTO " + table + " AS t USING (SELECT CAST(? AS " + text + ") AS " + q("job") + ", CAST(? AS " + text
        + ") AS " + q("stream") + ", CAST(? AS " + text + ") AS " + q("writer") + ") AS s ON t." + q("job") + " = s."
        + q("job") + " AND t." + q("stream") + " = s." + q("stream") + " WHEN MATCHED THEN UPDATE SET " + q("writer")
        + " = s." + q("writer") + " WHEN NOT MATCHED THEN INSERT (" + q("job") + ", " + q("stream") + ", "
        + q("instance_id") + ", " + q("position") + ", " + q("published") + ", " + q("updated_at") + ", "
        + q("target_rows") + ", " + q("writer") + ") VALUES (s." + q("job") + ", s." + q("stream") + ", ?, ?, FALSE,"
        + " CURRENT_TIMESTAMP, 0, s." + q("writer") + ")";
  }

  /** The writer whose claim the stream's row names now, or null (no row, or no claim yet). */
  public String writer(Connection c, String job, String stream) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + q("writer") + " FROM " + table + " WHERE " + q("job")
        + " = ? AND " + q("stream") + " = ?")) {
      ps.setString(1, job);
      ps.setString(2, stream);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /**
   * Fails with {@link StateRowFence#takenOver} unless the stream's row still names {@code token}: for a warehouse
   * whose chunks and publish cannot roll back (Databricks), checked before the statements that would stage or publish.
   */
  public void requireClaim(Connection c, String job, String stream, String token) throws SQLException {
    if (!token.equals(writer(c, job, stream))) {
      throw StateRowFence.takenOver(job, stream, SystemTables.STATE, token);
    }
  }

  /** The state of {@code instanceId}, or empty when there is none or another job instance wrote it. */
  public Optional<Entry> read(Connection c, String job, String stream, long instanceId) throws SQLException {
    return read(c, job, stream, instanceId, owner -> {});
  }

  /**
   * {@link #read(Connection, String, String, long)} for the stream {@code spec} opens, refusing a state row of another
   * job repository's instance ({@link TableSpec#requireStateOfThisRepository}).
   */
  public Optional<Entry> read(Connection c, TableSpec spec) throws SQLException {
    return read(c, spec.run().job(), spec.stream(), spec.run().instanceId(), spec::requireStateOfThisRepository);
  }

  private Optional<Entry> read(Connection c, String job, String stream, long instanceId, LongConsumer otherOwner)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + q("instance_id") + ", " + q("position") + ", "
        + q("published") + ", " + q("published_position") + " FROM " + table + " WHERE " + q("job") + " = ? AND "
        + q("stream") + " = ?")) {
      ps.setString(1, job);
      ps.setString(2, stream);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        if (rs.getLong(1) != instanceId) {
          if (rs.getLong(1) != NO_INSTANCE) {
            otherOwner.accept(rs.getLong(1));
          }
          return Optional.empty();
        }
        String publishedPosition = rs.getString(4);
        return Optional.of(new Entry(CursorJson.read(rs.getString(2)), rs.getBoolean(3),
            publishedPosition == null ? null : CursorJson.read(publishedPosition)));
      }
    }
  }

  /**
   * The MERGE of every state write. {@code claimed}: it changes the row only while the row names the writer bound
   * last ({@link StateRowFence}); otherwise it never reads or writes {@code writer}, so a state table of an older
   * release without that column (Databricks does not upgrade its tables) still takes it.
   */
  public String upsert(boolean claimed) {
    String text = dialect.ddl(ColumnType.STRING);
    String integer = dialect.ddl(ColumnType.INTEGER);
    String writer = claimed ? ", " + q("writer") : "";
    return "MERGE INTO " + table + " AS t USING (SELECT CAST(? AS " + text + ") AS " + q("job") + ", CAST(? AS "
        + text + ") AS " + q("stream") + ", CAST(? AS " + integer + ") AS " + q("instance_id") + ", CAST(? AS " + text
        + ") AS " + q("position") + ", CAST(? AS " + dialect.ddl(ColumnType.BOOLEAN) + ") AS " + q("published")
        + ", CAST(? AS " + text + ") AS " + q("published_position") + ", CAST(? AS " + text + ") AS "
        + q("target_table") + ", CAST(? AS " + integer + ") AS " + q("added_rows")
        + (claimed ? ", CAST(? AS " + text + ") AS " + q("writer") : "") + ") AS s"
        + " ON t." + q("job") + " = s." + q("job") + " AND t." + q("stream") + " = s." + q("stream")
        + " WHEN MATCHED" + (claimed ? " AND t." + q("writer") + " = s." + q("writer") : "") + " THEN UPDATE SET "
        + q("published_position") + " = CASE WHEN t." + q("instance_id")
        + " = s." + q("instance_id") + " THEN COALESCE(s." + q("published_position") + ", t."
        + q("published_position") + ") ELSE s." + q("published_position") + " END, " + q("instance_id") + " = s."
        + q("instance_id") + ", " + q("position") + " = s." + q("position") + ", " + q("published") + " = s."
        + q("published") + ", " + q("updated_at") + " = CURRENT_TIMESTAMP, " + q("target_rows") + " = CASE WHEN t."
        + q("target_table") + " = s." + q("target_table") + " THEN COALESCE(t." + q("target_rows") + ", 0) + s."
        + q("added_rows") + " ELSE s." + q("added_rows") + " END, " + q("target_table") + " = s."
        + q("target_table") + " WHEN NOT MATCHED THEN INSERT (" + q("job") + ", " + q("stream") + ", "
        + q("instance_id") + ", " + q("position") + ", " + q("published") + ", " + q("published_position") + ", "
        + q("updated_at") + ", " + q("target_table") + ", " + q("target_rows") + writer + ") VALUES (s." + q("job")
        + ", s." + q("stream") + ", s." + q("instance_id") + ", s." + q("position") + ", s." + q("published")
        + ", s." + q("published_position") + ", CURRENT_TIMESTAMP, s." + q("target_table") + ", s."
        + q("added_rows") + (claimed ? ", s." + q("writer") : "") + ")";
  }

  /**
   * A chunk's state: the position staged, not published; what the instance published before is kept, and so are the
   * rows committed into {@code targetTable} (a staged chunk adds none to it).
   *
   * @param token the writer's claim, or null for a writer without one
   */
  public void saveStaged(Connection c, String job, String stream, long instanceId, Cursor position,
      String targetTable, String token) throws SQLException {
    save(c, job, stream, instanceId, position, false, null, targetTable, 0, token);
  }

  /**
   * A publish's state: everything staged up to {@code position} is in the target, which gained {@code insertedRows};
   * a publish that {@code replaced} the target's rows makes them the job's whole committed count of it.
   */
  public void savePublished(Connection c, String job, String stream, long instanceId, Cursor position,
      String targetTable, long insertedRows, boolean replaced, String token) throws SQLException {
    if (replaced) {
      forget(c, job, targetTable);
    }
    save(c, job, stream, instanceId, position, true, position, targetTable, insertedRows, token);
  }

  private void save(Connection c, String job, String stream, long instanceId, Cursor position, boolean published,
      Cursor publishedPosition, String targetTable, long addedRows, String token) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(upsert(token != null))) {
      ps.setString(1, job);
      ps.setString(2, stream);
      ps.setLong(3, instanceId);
      ps.setString(4, CursorJson.write(position));
      ps.setBoolean(5, published);
      ps.setString(6, publishedPosition == null ? null : CursorJson.write(publishedPosition));
      ps.setString(7, targetTable);
      ps.setLong(8, addedRows);
      if (token != null) {
        ps.setString(9, token);
      }
      if (affectedRows(ps) == 0 && token != null) {
        // the row names another writer's claim: the caller's transaction rolls back
        throw StateRowFence.takenOver(job, stream, SystemTables.STATE, token);
      }
    }
  }

  /**
   * The rows a MERGE changed: its update count, or, where the warehouse answers DML with a result row instead
   * (Databricks: {@code num_affected_rows}), that row's count.
   */
  private static long affectedRows(PreparedStatement ps) throws SQLException {
    if (!ps.execute()) {
      return ps.getUpdateCount();
    }
    try (ResultSet rs = ps.getResultSet()) {
      return rs.next() ? rs.getLong("num_affected_rows") : 0;
    }
  }

  private void forget(Connection c, String job, String targetTable) throws SQLException {
    new CommittedRowsCheck(dialect, schema, job, targetTable).forget(c);
  }

  private String q(String column) {
    return dialect.quote(column);
  }
}
