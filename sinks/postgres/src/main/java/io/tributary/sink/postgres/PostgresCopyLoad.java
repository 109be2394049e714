package io.tributary.sink.postgres;

import io.tributary.core.Row;
import io.tributary.core.RunInfo;
import io.tributary.sink.RefusedRow;
import io.tributary.sink.jdbc.TableLayout;
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

  private final PostgresBinaryCopyEncoder encoder;
  private final RunInfo run;

  PostgresCopyLoad(TableLayout<PostgresType> layout, RunInfo run) {
    this.encoder = new PostgresBinaryCopyEncoder(layout);
    this.run = run;
  }

  /** Copies {@code rows} into {@code qualifiedTable}; returns the rows the encoder refused, which were skipped. */
  List<RefusedRow> copy(Connection connection, String qualifiedTable, String columnList, List<Row> rows,
      boolean withSeq) throws SQLException {
    String sql = "COPY " + qualifiedTable + " (" + columnList + ") FROM STDIN (FORMAT binary)";
    CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    List<RefusedRow> rejected = new ArrayList<>(0);
    try {
      encoder.encode(copy, rows, run.extractedAt(), run.runId(), withSeq,
          (index, reason) -> rejected.add(new RefusedRow(index, reason)));
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
