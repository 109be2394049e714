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

  /**
   * The encoding {@link #load} also takes rows in ({@link io.tributary.core.TableWriter#rowEncoding()}); empty (the
   * default) for plain values only.
   */
  default java.util.Optional<io.tributary.core.RowEncoding> rowEncoding() {
    return java.util.Optional.empty();
  }

  /**
   * Starts loading a chunk whose rows are still being mapped ({@link io.tributary.core.TableWriter#offer}): called by
   * {@link JdbcTableWriter} at the chunk's first offered row, on the step thread, inside the chunk transaction, on its
   * connection. Null (the default) when this load takes whole chunks only.
   */
  default Feed feed(Connection c) throws SQLException {
    return null;
  }

  /**
   * A chunk's load under way while the engine maps the rest of the chunk, begun by {@link #feed}. It changes nothing
   * the chunk transaction keeps unless {@link #finish} says so: a feed that cannot be used is undone to where it began.
   */
  interface Feed {

    /** Takes the chunk's next good row. Never throws: a failure is kept, and {@link #finish} undoes the feed. */
    void offer(Row row);

    /**
     * Ends the load when {@code rows} are exactly the rows offered (the same objects, in order) and all of them went
     * out, and says what it did; otherwise undoes everything since the feed began and returns empty, and the caller
     * loads {@code rows} with {@link #load}. Throws only when the connection cannot be brought back to where the feed
     * began.
     */
    java.util.Optional<Loaded> finish(Connection c, List<Row> rows) throws SQLException;

    /** The chunk ends without {@link #finish} (it rolls back): stop the load, before the transaction ends. */
    void abandon();
  }

  /**
   * A bulk load that can also read a whole CSV file itself ({@link io.tributary.core.TableWriter#loadCsv}). Called by
   * {@link JdbcTableWriter} on the step thread, inside the chunk transaction, on its connection.
   */
  interface CsvFiles {

    /**
     * What a file's load did.
     *
     * @param rows rows loaded into the table
     * @param added how many rows the table gained
     * @param quarantined records handed to the quarantine (those the engine's mapping refused and those the
     *     warehouse cannot hold)
     */
    record FileLoaded(long rows, long added, long quarantined) {}

    /** Takes a batch of quarantined records into the chunk transaction. */
    @FunctionalInterface
    interface Quarantine {
      void insert(List<io.tributary.core.QuarantinedRecord> records) throws SQLException;
    }

    /** Empty when the file must be read through pages: then nothing was written. */
    java.util.Optional<FileLoaded> loadCsv(Connection c, io.tributary.core.CsvFile file,
        List<io.tributary.core.TableWriter.CsvColumn> columns, io.tributary.core.TableWriter.OddRecords odd,
        Quarantine quarantine) throws SQLException;
  }

  /** Builds a table's bulk load when the writer opens, once the table's layout is known. */
  interface Factory<T extends SqlType<T>> {
    BulkLoad create(Connection c, TableLayout<T> layout, TableSpec spec) throws SQLException;
  }
}
