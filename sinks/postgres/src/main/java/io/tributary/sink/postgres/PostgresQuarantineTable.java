package io.tributary.sink.postgres;

import static io.tributary.core.Identifiers.quote;

import io.tributary.core.QuarantinedRecord;
import io.tributary.core.RunInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** {@code _tributary_quarantine}: records that failed mapping, validation or encoding, with their reasons. */
final class PostgresQuarantineTable {

  private final String table;

  PostgresQuarantineTable(String schema) {
    this.table = quote(schema) + "." + quote("_tributary_quarantine");
  }

  void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      // raw_record is text, not jsonb: a record quarantined because it is malformed must still fit
      s.execute("CREATE TABLE IF NOT EXISTS " + table + " (job text NOT NULL, run_id bigint NOT NULL,"
          + " stream text NOT NULL, source_key text, raw_record text, reasons text NOT NULL,"
          + " quarantined_at timestamptz NOT NULL DEFAULT now())");
    }
  }

  void insert(Connection c, RunInfo run, String stream, List<QuarantinedRecord> records) throws SQLException {
    if (records.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
        + " (job, run_id, stream, source_key, raw_record, reasons) VALUES (?, ?, ?, ?, ?, ?)")) {
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

  /** PostgreSQL text cannot hold NUL; keep the record readable rather than lose it. */
  private static String storable(String s) {
    return s == null || s.indexOf('\0') < 0 ? s : s.replace("\0", "\\u0000");
  }
}
