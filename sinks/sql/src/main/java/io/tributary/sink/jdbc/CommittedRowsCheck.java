package io.tributary.sink.jdbc;

import io.tributary.core.CommittedRows;
import io.tributary.core.SystemTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The committed-rows check of one table a job loads ({@link CommittedRows}): the job's sum of {@code target_rows} over
 * its rows of {@link SystemTables#STATE} against the table's row count. Used at open, before any DDL (which would
 * recreate a dropped table), and when the stream ends.
 */
public final class CommittedRowsCheck {

  private final SqlDialect<?> dialect;
  private final String schema;
  private final String state;
  private final String job;
  private final String table;

  /** @param table the table the job's chunks (or publishes) load, as the warehouse stores its name */
  public CommittedRowsCheck(SqlDialect<?> dialect, String schema, String job, String table) {
    this.dialect = dialect;
    this.schema = schema;
    this.state = dialect.qualified(schema, SystemTables.STATE);
    this.job = job;
    this.table = table;
  }

  /** Fails when the table holds fewer rows than the job committed into it. */
  public void verify(Connection c) throws SQLException {
    long committed = committed(c);
    if (committed > 0) {
      // read after the committed count: rows only grow while other parts commit, so the later count covers it
      CommittedRows.require(schema + "." + table, rowsHeld(c, committed), committed, job);
    }
  }

  /**
   * The rows the job committed into the table, by every stream or part that loads it: the sum of what each chunk or
   * publish added, a lower bound of its row count while nobody deletes rows behind Tributary.
   */
  public long committed(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(" + dialect.quote("target_rows") + "), 0)"
        + " FROM " + state + " WHERE " + dialect.quote("job") + " = ? AND " + dialect.quote("target_table") + " = ?")) {
      ps.setString(1, job);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Zeroes the job's counts of the table: its rows are about to be accepted as they are, or replaced. */
  public void forget(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + state + " SET " + dialect.quote("target_rows")
        + " = 0 WHERE " + dialect.quote("job") + " = ? AND " + dialect.quote("target_table") + " = ?")) {
      ps.setString(1, job);
      ps.setString(2, table);
      ps.executeUpdate();
    }
  }

  /** The table's row count; 0 when it does not exist. */
  public long rowsHeld(Connection c) throws SQLException {
    return rowsHeld(c, Long.MAX_VALUE);
  }

  private long rowsHeld(Connection c, long enough) throws SQLException {
    if (!new TableSetup<>(dialect, c).exists(schema, table)) {
      return 0;
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(dialect.countRows(dialect.qualified(schema, table), enough))) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
