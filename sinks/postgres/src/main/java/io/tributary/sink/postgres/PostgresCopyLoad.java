package io.tributary.sink.postgres;

import io.tributary.core.Row;
import io.tributary.core.RunInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Runs one binary {@code COPY ... FROM STDIN} of a chunk into a table (the target, the replace table or the staging
 * table) on the caller's connection, inside the caller's transaction.
 */
final class PostgresCopyLoad {

  /** A row the encoder refused, by its index in the chunk. */
  record Rejected(int rowIndex, String reason) {}

  private final PostgresBinaryCopyEncoder encoder;
  private final RunInfo run;

  PostgresCopyLoad(PostgresTableLayout layout, RunInfo run) {
    this.encoder = new PostgresBinaryCopyEncoder(layout);
    this.run = run;
  }

  /** Copies {@code rows} into {@code qualifiedTable}; returns the rows the encoder refused, which were skipped. */
  List<Rejected> copy(Connection connection, String qualifiedTable, String columnList, List<Row> rows,
      boolean withSeq) throws SQLException {
    String sql = "COPY " + qualifiedTable + " (" + columnList + ") FROM STDIN (FORMAT binary)";
    CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    List<Rejected> rejected = new ArrayList<>(0);
    try {
      encoder.encode(copy, rows, run.extractedAt(), run.runId(), withSeq,
          (index, reason) -> rejected.add(new Rejected(index, reason)));
      copy.endCopy();
      return rejected;
    } finally {
      if (copy.isActive()) {
        cancel(copy);
      }
    }
  }

  private static void cancel(CopyIn copy) {
    try {
      copy.cancelCopy();
    } catch (SQLException ignored) {
      // the COPY already failed; its error is the one the caller sees
    }
  }
}
