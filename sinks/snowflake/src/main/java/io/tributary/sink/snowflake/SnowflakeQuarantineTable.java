package io.tributary.sink.snowflake;

import io.tributary.core.QuarantinedRecord;
import io.tributary.core.RunInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@code _TRIBUTARY_QUARANTINE}: records that failed mapping, validation or encoding, with their reasons. They are
 * few, so a bound batch INSERT (which the driver turns into a stage upload when large) is the right tool here.
 */
final class SnowflakeQuarantineTable {

  private final String table;

  SnowflakeQuarantineTable(String schema) {
    this.table = SnowflakeNames.qualified(schema, "_TRIBUTARY_QUARANTINE");
  }

  String create() {
    return "CREATE TABLE IF NOT EXISTS " + table + " (\"JOB\" VARCHAR NOT NULL, \"RUN_ID\" NUMBER(38,0) NOT NULL,"
        + " \"STREAM\" VARCHAR NOT NULL, \"SOURCE_KEY\" VARCHAR, \"RAW_RECORD\" VARCHAR, \"REASONS\" VARCHAR NOT NULL,"
        + " \"QUARANTINED_AT\" TIMESTAMP_TZ(9) DEFAULT CURRENT_TIMESTAMP)";
  }

  void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(create());
    }
  }

  void insert(Connection c, RunInfo run, String stream, List<QuarantinedRecord> records) throws SQLException {
    if (records.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
        + " (\"JOB\", \"RUN_ID\", \"STREAM\", \"SOURCE_KEY\", \"RAW_RECORD\", \"REASONS\") VALUES (?, ?, ?, ?, ?, ?)")) {
      for (QuarantinedRecord r : records) {
        ps.setString(1, run.job());
        ps.setLong(2, run.runId());
        ps.setString(3, stream);
        ps.setString(4, r.sourceKey());
        ps.setString(5, r.rawJson());
        ps.setString(6, String.join("; ", r.reasons()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
