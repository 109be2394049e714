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
    CopyIn copy = begin(connection, qualifiedTable, columnList, withSeq);
    List<RefusedRow> rejected = new ArrayList<>(0);
    try {
      PostgresBinaryCopyEncoder.Rejections rejections = (index, reason) -> rejected.add(new RefusedRow(index, reason));
      for (int r = 0; r < rows.size(); r++) {
        encoder.row(copy, rows.get(r), r, rejections);
      }
      end(copy);
      return rejected;
    } finally {
      if (copy.isActive()) {
        cancel(copy);
      }
    }
  }

  /** Starts a COPY of rows sent one at a time ({@link #row}) into {@code qualifiedTable}; {@link #end} ends it. */
  CopyIn begin(Connection connection, String qualifiedTable, String columnList, boolean withSeq) throws SQLException {
    CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
        "COPY " + qualifiedTable + " (" + columnList + ") FROM STDIN (FORMAT binary)");
    encoder.begin(run.extractedAt(), run.runId(), withSeq);
    return copy;
  }

  /** Sends the COPY's row number {@code index}, or reports it refused (it is left out). */
  void row(CopyIn copy, Row row, int index, PostgresBinaryCopyEncoder.Rejections rejections) throws SQLException {
    encoder.row(copy, row, index, rejections);
  }

  /** Ends the COPY begun with {@link #begin}; the server's error about any row it refused is thrown here. */
  void end(CopyIn copy) throws SQLException {
    encoder.end(copy);
    copy.endCopy();
  }

  static void cancel(CopyIn copy) {
    try {
      copy.cancelCopy();
    } catch (SQLException ignored) {
      // the COPY already failed; its error is the one the caller sees
    }
  }
}
