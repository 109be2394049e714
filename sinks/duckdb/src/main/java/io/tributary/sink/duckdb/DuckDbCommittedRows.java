package io.tributary.sink.duckdb;

import io.tributary.core.CommittedRows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The committed-rows check of one table a job loads ({@link CommittedRows}): the job's sum of {@code target_rows} in
 * {@code _tributary_state} against the table's row count. Used at open (before any DDL, so a failed check changes
 * nothing) and when the stream ends.
 */
final class DuckDbCommittedRows {

  private final DuckDbTableDdl ddl;
  private final DuckDbStateTable state;
  private final String job;
  private final String table;

  DuckDbCommittedRows(DuckDbTableDdl ddl, String job, String table) {
    this.ddl = ddl;
    this.state = new DuckDbStateTable(ddl);
    this.job = job;
    this.table = table;
  }

  void verify(Connection c) throws SQLException {
    long committed = state.committedRows(c, job, table);
    if (committed > 0) {
      CommittedRows.require(ddl.schema() + "." + table, rowsHeld(c), committed, job);
    }
  }

  /** Accepts the table's current rows as the job's committed count (full refresh, new replace table). */
  void rebaseline(Connection c, String stream, long instanceId) throws SQLException {
    state.rebaseline(c, job, stream, instanceId, table, rowsHeld(c));
  }

  /** The table's row count; 0 when it does not exist. */
  private long rowsHeld(Connection c) throws SQLException {
    if (!ddl.exists(c, table)) {
      return 0;
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + ddl.qualified(table))) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
