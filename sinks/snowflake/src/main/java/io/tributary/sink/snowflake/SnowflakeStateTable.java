package io.tributary.sink.snowflake;

import io.tributary.core.Cursor;
import io.tributary.core.SystemTables;
import io.tributary.sink.CursorJson;
import io.tributary.sink.jdbc.CommittedRowsCheck;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * {@link SystemTables#STATE} (upper-case, as Snowflake stores names): one row per job and stream with the position of
 * the last committed chunk, whether the chunks staged so far have been published into the target, and the position
 * this job instance has published up to
 * ({@code PUBLISHED_POSITION}, null before its first publish). Written in the chunk's transaction (position,
 * {@code PUBLISHED = FALSE}, the published position kept) and in the publishing transaction ({@code PUBLISHED = TRUE},
 * the published position set). It is the one truth of a stream's progress in a run: the job repository's step status
 * commits separately and may lag it. {@code TARGET_TABLE} and {@code TARGET_ROWS} count the rows this stream's
 * publishes inserted into its target, in the publishing transaction, so a target that lost rows behind Tributary is
 * noticed ({@link io.tributary.core.CommittedRows}).
 */
final class SnowflakeStateTable {

  /** What the state row says about one job instance; {@code publishedPosition} is null before its first publish. */
  record Entry(Cursor position, boolean published, Cursor publishedPosition) {

    boolean publishedBefore() {
      return publishedPosition != null;
    }
  }

  private final String schema;
  private final String table;

  SnowflakeStateTable(String schema) {
    this.schema = schema;
    this.table = SnowflakeDialect.INSTANCE.qualified(schema, SystemTables.STATE);
  }

  String create() {
    return "CREATE TABLE IF NOT EXISTS " + table + " (\"JOB\" VARCHAR NOT NULL, \"STREAM\" VARCHAR NOT NULL,"
        + " \"INSTANCE_ID\" NUMBER(38,0) NOT NULL, \"POSITION\" VARCHAR NOT NULL, \"PUBLISHED\" BOOLEAN NOT NULL,"
        + " \"UPDATED_AT\" TIMESTAMP_TZ(9), \"PUBLISHED_POSITION\" VARCHAR, \"TARGET_TABLE\" VARCHAR,"
        + " \"TARGET_ROWS\" NUMBER(38,0) DEFAULT 0, PRIMARY KEY (\"JOB\", \"STREAM\"))";
  }

  /** A state table created before the published position was kept gains its column. */
  String addPublishedPosition() {
    return "ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS \"PUBLISHED_POSITION\" VARCHAR";
  }

  /** A state table created before the committed rows were kept gains their columns (rows of old: not counted). */
  List<String> addCommittedRows() {
    return List.of("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS \"TARGET_TABLE\" VARCHAR",
        "ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS \"TARGET_ROWS\" NUMBER(38,0) DEFAULT 0");
  }

  void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(create());
      s.execute(addPublishedPosition());
      for (String sql : addCommittedRows()) {
        s.execute(sql);
      }
    }
  }

  /**
   * Makes {@code rows} the job's committed count of {@code targetTable}, kept on this stream's row, which now belongs
   * to {@code instanceId} at the start, unpublished: a full refresh accepts the table as it is, and its restart
   * (the same instance) checks instead of accepting it again.
   */
  void rebaseline(Connection c, String job, String stream, long instanceId, String targetTable, long rows)
      throws SQLException {
    forget(c, job, targetTable);
    save(c, job, stream, instanceId, Cursor.START, false, null, targetTable, rows);
  }

  /** The state of {@code instanceId}, or empty when there is none or another job instance wrote it. */
  Optional<Entry> read(Connection c, String job, String stream, long instanceId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT \"INSTANCE_ID\", \"POSITION\", \"PUBLISHED\","
        + " \"PUBLISHED_POSITION\" FROM " + table
        + " WHERE \"JOB\" = ? AND \"STREAM\" = ?")) {
      ps.setString(1, job);
      ps.setString(2, stream);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getLong(1) != instanceId) {
          return Optional.empty();
        }
        String publishedPosition = rs.getString(4);
        return Optional.of(new Entry(CursorJson.read(rs.getString(2)), rs.getBoolean(3),
            publishedPosition == null ? null : CursorJson.read(publishedPosition)));
      }
    }
  }

  String upsert() {
    return "MERGE INTO " + table + " AS t USING (SELECT CAST(? AS VARCHAR) AS \"JOB\", CAST(? AS VARCHAR) AS \"STREAM\","
        + " CAST(? AS NUMBER(38,0)) AS \"INSTANCE_ID\", CAST(? AS VARCHAR) AS \"POSITION\","
        + " CAST(? AS BOOLEAN) AS \"PUBLISHED\", CAST(? AS VARCHAR) AS \"PUBLISHED_POSITION\","
        + " CAST(? AS VARCHAR) AS \"TARGET_TABLE\", CAST(? AS NUMBER(38,0)) AS \"ADDED_ROWS\") AS s"
        + " ON t.\"JOB\" = s.\"JOB\" AND t.\"STREAM\" = s.\"STREAM\""
        + " WHEN MATCHED THEN UPDATE SET \"PUBLISHED_POSITION\" = CASE WHEN t.\"INSTANCE_ID\" = s.\"INSTANCE_ID\""
        + " THEN COALESCE(s.\"PUBLISHED_POSITION\", t.\"PUBLISHED_POSITION\") ELSE s.\"PUBLISHED_POSITION\" END,"
        + " \"INSTANCE_ID\" = s.\"INSTANCE_ID\", \"POSITION\" = s.\"POSITION\","
        + " \"PUBLISHED\" = s.\"PUBLISHED\", \"UPDATED_AT\" = CURRENT_TIMESTAMP,"
        + " \"TARGET_ROWS\" = CASE WHEN t.\"TARGET_TABLE\" = s.\"TARGET_TABLE\""
        + " THEN COALESCE(t.\"TARGET_ROWS\", 0) + s.\"ADDED_ROWS\" ELSE s.\"ADDED_ROWS\" END,"
        + " \"TARGET_TABLE\" = s.\"TARGET_TABLE\""
        + " WHEN NOT MATCHED THEN INSERT (\"JOB\", \"STREAM\", \"INSTANCE_ID\", \"POSITION\", \"PUBLISHED\","
        + " \"PUBLISHED_POSITION\", \"UPDATED_AT\", \"TARGET_TABLE\", \"TARGET_ROWS\") VALUES (s.\"JOB\","
        + " s.\"STREAM\", s.\"INSTANCE_ID\", s.\"POSITION\", s.\"PUBLISHED\", s.\"PUBLISHED_POSITION\","
        + " CURRENT_TIMESTAMP, s.\"TARGET_TABLE\", s.\"ADDED_ROWS\")";
  }

  /**
   * A chunk's state: the position staged, not published; what the instance published before is kept, and so are the
   * rows committed into {@code targetTable} (a staged chunk adds none to it).
   */
  void saveStaged(Connection c, String job, String stream, long instanceId, Cursor position, String targetTable)
      throws SQLException {
    save(c, job, stream, instanceId, position, false, null, targetTable, 0);
  }

  /**
   * A publish's state: everything staged up to {@code position} is in the target, which gained {@code insertedRows};
   * a publish that {@code replaced} the target's rows makes them the job's whole committed count of it.
   */
  void savePublished(Connection c, String job, String stream, long instanceId, Cursor position, String targetTable,
      long insertedRows, boolean replaced) throws SQLException {
    if (replaced) {
      forget(c, job, targetTable);
    }
    save(c, job, stream, instanceId, position, true, position, targetTable, insertedRows);
  }

  private void save(Connection c, String job, String stream, long instanceId, Cursor position, boolean published,
      Cursor publishedPosition, String targetTable, long addedRows) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(upsert())) {
      ps.setString(1, job);
      ps.setString(2, stream);
      ps.setLong(3, instanceId);
      ps.setString(4, CursorJson.write(position));
      ps.setBoolean(5, published);
      ps.setString(6, publishedPosition == null ? null : CursorJson.write(publishedPosition));
      ps.setString(7, targetTable);
      ps.setLong(8, addedRows);
      ps.executeUpdate();
    }
  }

  private void forget(Connection c, String job, String targetTable) throws SQLException {
    new CommittedRowsCheck(SnowflakeDialect.INSTANCE, schema, job, targetTable).forget(c);
  }
}
