package io.tributary.sink.snowflake;

import io.tributary.core.CommittedRows;
import io.tributary.core.WriteMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The committed-rows check of one target ({@link CommittedRows}): the job's sum of {@code TARGET_ROWS} in
 * {@code _TRIBUTARY_STATE} (what its publishes inserted) against the target's row count. Used at open, before the
 * target's DDL (which would recreate a dropped table), and when the stream ends, before its publish.
 */
final class SnowflakeCommittedRows {

  private final SnowflakeStateTable state;
  private final String schema;
  private final String table;
  private final String job;

  SnowflakeCommittedRows(SnowflakeStateTable state, String schema, String table, String job) {
    this.state = state;
    this.schema = schema;
    this.table = table;
    this.job = job;
  }

  /**
   * Whether the target must still hold what was committed before reading on: a replace instance that has not
   * published yet replaces every row anyway, and a new full refresh accepts the target as it is.
   */
  static boolean checked(WriteMode mode, boolean fullRefresh, Optional<SnowflakeStateTable.Entry> entry) {
    if (mode == WriteMode.REPLACE) {
      return entry.map(SnowflakeStateTable.Entry::publishedBefore).orElse(false);
    }
    return !(fullRefresh && entry.isEmpty());
  }

  void verify(Connection c) throws SQLException {
    long committed = state.committedRows(c, job, table);
    if (committed > 0) {
      CommittedRows.require(schema + "." + table, rowsHeld(c), committed, job);
    }
  }

  /** Accepts the target's current rows as the job's committed count (a full refresh's first open). */
  void rebaseline(Connection c, String stream, long instanceId) throws SQLException {
    state.rebaseline(c, job, stream, instanceId, table, rowsHeld(c));
  }

  /** The target's row count; 0 when it does not exist. */
  private long rowsHeld(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
        + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getLong(1) == 0) {
          return 0;
        }
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + SnowflakeNames.qualified(schema, table))) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
