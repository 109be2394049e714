package io.tributary.sink.databricks;

import io.tributary.core.Cursor;
import io.tributary.core.SystemTables;
import io.tributary.sink.CursorJson;
import io.tributary.sink.jdbc.CommittedRowsCheck;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * {@link SystemTables#STATE} (a Delta table): one row per job and stream with the position of
 * the last committed chunk, whether the chunks staged so far have been published into the target, and the position
 * this job instance has published up to
 * ({@code published_position}, null before its first publish). Written in the chunk's transaction (position,
 * {@code published = false}, the published position kept) and in the publishing transaction ({@code published = true},
 * the published position set). It is the one truth of a stream's progress in a run: the job repository's step status
 * commits separately and may lag it. {@code target_table} and {@code target_rows} count the rows this stream's
 * publishes inserted into its target, in the publishing transaction, so a target that lost rows behind Tributary is
 * noticed ({@link io.tributary.core.CommittedRows}).
 */
final class DatabricksStateTable {

  /** What the state row says about one job instance; {@code publishedPosition} is null before its first publish. */
  record Entry(Cursor position, boolean published, Cursor publishedPosition) {

    boolean publishedBefore() {
      return publishedPosition != null;
    }
  }

  private final String schema;
  private final String table;

  DatabricksStateTable(String schema) {
    this.schema = schema;
    this.table = DatabricksDialect.INSTANCE.qualified(schema, SystemTables.STATE);
  }

  String create() {
    return "CREATE TABLE IF NOT EXISTS " + table + " (`job` STRING NOT NULL, `stream` STRING NOT NULL,"
        + " `instance_id` DECIMAL(38,0) NOT NULL, `position` STRING NOT NULL, `published` BOOLEAN NOT NULL,"
        + " `updated_at` TIMESTAMP, `published_position` STRING, `target_table` STRING,"
        + " `target_rows` DECIMAL(38,0) DEFAULT 0)" + DatabricksDialect.INSTANCE.tableOptions();
  }

  void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(create());
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
    try (PreparedStatement ps = c.prepareStatement("SELECT `instance_id`, `position`, `published`,"
        + " `published_position` FROM " + table
        + " WHERE `job` = ? AND `stream` = ?")) {
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
    return "MERGE INTO " + table + " AS t USING (SELECT CAST(? AS STRING) AS `job`, CAST(? AS STRING) AS `stream`,"
        + " CAST(? AS DECIMAL(38,0)) AS `instance_id`, CAST(? AS STRING) AS `position`,"
        + " CAST(? AS BOOLEAN) AS `published`, CAST(? AS STRING) AS `published_position`,"
        + " CAST(? AS STRING) AS `target_table`, CAST(? AS DECIMAL(38,0)) AS `added_rows`) AS s"
        + " ON t.`job` = s.`job` AND t.`stream` = s.`stream`"
        + " WHEN MATCHED THEN UPDATE SET `published_position` = CASE WHEN t.`instance_id` = s.`instance_id`"
        + " THEN COALESCE(s.`published_position`, t.`published_position`) ELSE s.`published_position` END,"
        + " `instance_id` = s.`instance_id`, `position` = s.`position`,"
        + " `published` = s.`published`, `updated_at` = CURRENT_TIMESTAMP,"
        + " `target_rows` = CASE WHEN t.`target_table` = s.`target_table`"
        + " THEN COALESCE(t.`target_rows`, 0) + s.`added_rows` ELSE s.`added_rows` END,"
        + " `target_table` = s.`target_table`"
        + " WHEN NOT MATCHED THEN INSERT (`job`, `stream`, `instance_id`, `position`, `published`,"
        + " `published_position`, `updated_at`, `target_table`, `target_rows`) VALUES (s.`job`,"
        + " s.`stream`, s.`instance_id`, s.`position`, s.`published`, s.`published_position`,"
        + " CURRENT_TIMESTAMP, s.`target_table`, s.`added_rows`)";
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
    new CommittedRowsCheck(DatabricksDialect.INSTANCE, schema, job, targetTable).forget(c);
  }
}
