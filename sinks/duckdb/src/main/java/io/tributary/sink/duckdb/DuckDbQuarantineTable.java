package io.tributary.sink.duckdb;

import io.tributary.core.QuarantinedRecord;
import io.tributary.core.RunInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Inserts quarantined records into {@code _tributary_quarantine}, in the chunk transaction. */
final class DuckDbQuarantineTable {

  private final String table;

  DuckDbQuarantineTable(DuckDbTableDdl ddl) {
    this.table = ddl.qualified(DuckDbTableDdl.QUARANTINE);
  }

  void insert(Connection c, RunInfo run, String stream, List<QuarantinedRecord> records) throws SQLException {
    if (records.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
        + " (job, run_id, stream, source_key, raw_record, reasons, quarantined_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, now())")) {
      for (QuarantinedRecord record : records) {
        ps.setString(1, run.job());
        ps.setLong(2, run.runId());
        ps.setString(3, stream);
        ps.setString(4, record.sourceKey());
        ps.setString(5, record.rawJson());
        ps.setString(6, String.join("; ", record.reasons()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
