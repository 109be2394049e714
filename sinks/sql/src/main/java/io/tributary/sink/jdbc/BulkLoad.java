package io.tributary.sink.jdbc;

import io.tributary.core.Row;
import io.tributary.core.TableSpec;
import io.tributary.sink.RefusedRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A warehouse's own way of loading a chunk's rows into a table (PostgreSQL's binary COPY, DuckDB's Appender), with a
 * merge by key where the stream has one. Called by {@link JdbcTableWriter} once per chunk, on the step thread, inside
 * the chunk transaction, on its connection; the writer adds the quarantine and the state row in the same transaction.
 */
public interface BulkLoad {

  /**
   * What a chunk's load did.
   *
   * @param refused rows left out because the warehouse cannot hold a value of theirs; they are quarantined
   * @param added how many rows the table gained (a merged key that was there already adds none)
   */
  record Loaded(List<RefusedRow> refused, long added) {}

  Loaded load(Connection c, List<Row> rows) throws SQLException;

  /** Builds a table's bulk load when the writer opens, once the table's layout is known. */
  interface Factory<T extends SqlType<T>> {
    BulkLoad create(Connection c, TableLayout<T> layout, TableSpec spec) throws SQLException;
  }
}
