package io.tributary.sink.jdbc;

import io.tributary.core.ColumnType;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.RunInfo;
import io.tributary.core.SystemTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@link SystemTables#QUARANTINE}: records that failed mapping, validation or the warehouse's own limits, with their
 * reasons; inserted in the chunk transaction. {@code raw_record} is text, not JSON: a record quarantined because it is
 * malformed must still fit.
 */
public final class QuarantineTable {

  private final SqlDialect<?> dialect;
  private final String table;

  public QuarantineTable(SqlDialect<?> dialect, String schema) {
    this.dialect = dialect;
    this.table = dialect.qualified(schema, SystemTables.QUARANTINE);
  }

  public void create(Connection c) throws SQLException {
    String text = dialect.ddl(ColumnType.STRING);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + q("job") + " " + text + " NOT NULL, " + q("run_id")
          + " " + dialect.ddl(ColumnType.INTEGER) + " NOT NULL, " + q("stream") + " " + text + " NOT NULL, "
          + q("source_key") + " " + text + ", " + q("raw_record") + " " + text + ", " + q("reasons") + " " + text
          + " NOT NULL, " + q("quarantined_at") + " " + dialect.ddl(ColumnType.TIMESTAMP)
          + " DEFAULT CURRENT_TIMESTAMP)" + dialect.tableOptions());
    }
  }

  public void insert(Connection c, RunInfo run, String stream, List<QuarantinedRecord> records) throws SQLException {
    if (records.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + q("job") + ", " + q("run_id") + ", "
        + q("stream") + ", " + q("source_key") + ", " + q("raw_record") + ", " + q("reasons")
        + ") VALUES (?, ?, ?, ?, ?, ?)")) {
      for (QuarantinedRecord r : records) {
        ps.setString(1, run.job());
        ps.setLong(2, run.runId());
        ps.setString(3, stream);
        ps.setString(4, storable(r.sourceKey()));
        ps.setString(5, storable(r.rawJson()));
        ps.setString(6, storable(String.join("; ", r.reasons())));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private String storable(String text) {
    return text == null ? null : dialect.storable(text);
  }

  private String q(String column) {
    return dialect.quote(column);
  }
}
