package io.tributary.sink.jdbc;

import io.tributary.core.ChunkOutcome;
import io.tributary.core.CsvFile;
import io.tributary.core.Cursor;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.Row;
import io.tributary.core.RunInfo;
import io.tributary.core.SystemTables;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.WriteMode;
import io.tributary.sink.RefusedRow;
import io.tributary.sink.StateRowFence;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes one stream into a warehouse whose chunks commit with their state row (PostgreSQL, DuckDB). Each chunk, in the
 * chunk transaction: the warehouse's {@link BulkLoad} into the target (append, merge) or into
 * {@code <table>__tributary_new} (replace), the quarantined records, and the state row's position, fenced by this
 * writer's claim ({@link StateRowFence}). A replace swaps its copy in at {@link #finish()}. Used by the step thread.
 */
public final class JdbcTableWriter<T extends SqlType<T>> implements TableWriter {

  private final JdbcTransactions transactions;
  private final StateTable state;
  private final QuarantineTable quarantine;
  private final TableSpec spec;
  private final TableLayout<T> layout;
  private final BulkLoad load;
  private final CommittedRowsCheck committedRows;
  private final String token;
  private final boolean published;
  /** The open chunk's load under way ({@link #offer}), on the step thread; null between chunks. */
  private BulkLoad.Feed feed;
  /** False once the bulk load said it takes whole chunks only. */
  private boolean feeds = true;

  private JdbcTableWriter(JdbcSink<T> sink, TableSpec spec, TableLayout<T> layout, BulkLoad load, String token,
      boolean published) {
    this.transactions = sink.transactions();
    this.state = new StateTable(sink.dialect(), layout.schema());
    this.quarantine = new QuarantineTable(sink.dialect(), layout.schema());
    this.spec = spec;
    this.layout = layout;
    this.load = load;
    this.committedRows = new CommittedRowsCheck(sink.dialect(), layout.schema(), spec.run().job(), layout.table());
    this.token = token;
    this.published = published;
  }

  /**
   * Prepares the stream's table in one DDL transaction and claims its state row: a new replace starts its copy over, a
   * restart keeps what its chunks committed, a restart after the replace swap committed loads nothing, and the target
   * is checked to still hold the rows committed into it before anything resumes from the state's position.
   *
   * @param table the validated target table
   */
  public static <T extends SqlType<T>> JdbcTableWriter<T> open(JdbcSink<T> sink, TableSpec spec, String table,
      BulkLoad.Factory<T> loads) {
    SqlDialect<T> dialect = sink.dialect();
    String schema = sink.rawSchema();
    boolean keyed = !spec.schema().primaryKey().isEmpty() && spec.mode() != WriteMode.APPEND;
    boolean replace = spec.mode() == WriteMode.REPLACE;
    String loadTable = replace ? SystemTables.replacing(table) : table;
    return sink.transactions().runDdl(schema, "preparing table " + schema + "." + loadTable, c -> {
      TableSetup<T> setup = new TableSetup<>(dialect, c);
      setup.createSchema(schema);
      StateTable state = new StateTable(dialect, schema);
      state.create(c);
      new QuarantineTable(dialect, schema).create(c);
      RunInfo run = spec.run();
      String token = StateRowFence.newToken(run);
      state.owner(c, run.job(), spec.stream()).ifPresent(spec::requireStateOfThisRepository);
      boolean resuming = state.read(c, run.job(), spec.stream(), run.instanceId()).isPresent();
      if (replace && resuming && state.published(c, run.job(), spec.stream(), run.instanceId())) {
        // the swap committed, the step did not complete: the target is this instance's copy, nothing to load again
        new CommittedRowsCheck(dialect, schema, run.job(), table).verify(c);
        state.claim(c, run.job(), spec.stream(), run.instanceId(), table, token);
        TableLayout<T> layout = setup.ensure(schema, table, spec.schema(), keyed);
        return new JdbcTableWriter<>(sink, spec, layout, loads.create(c, layout, spec), token, true);
      }
      boolean freshReplace = replace && !resuming;
      boolean rebaseline = freshReplace || (spec.fullRefresh() && !resuming);
      CommittedRowsCheck committed = new CommittedRowsCheck(dialect, schema, run.job(), loadTable);
      if (!rebaseline) {
        // before the reader resumes from the state's position, or an incremental run reads on from the watermark;
        // before the DDL below, which would recreate a dropped table
        committed.verify(c);
      }
      if (freshReplace) {
        // a new job instance starts its replace table over; a restart keeps the chunks it already committed
        setup.drop(schema, loadTable);
      }
      TableLayout<T> layout = setup.ensure(schema, loadTable, spec.schema(), keyed);
      if (rebaseline) {
        state.rebaseline(c, run.job(), spec.stream(), run.instanceId(), loadTable, committed.rowsHeld(c));
      }
      // from here on a writer of another run still loading this stream (it lost its run lock) fails its next chunk
      state.claim(c, run.job(), spec.stream(), run.instanceId(), loadTable, token);
      return new JdbcTableWriter<>(sink, spec, layout, loads.create(c, layout, spec), token, false);
    });
  }

  @Override
  public Optional<Cursor> committedPosition() {
    return transactions.run("reading the state of stream " + spec.stream(), c -> {
      undoFeed(c);
      return state.read(c, spec.run().job(), spec.stream(), spec.run().instanceId());
    })
        // a row at START is this writer's claim, or a rebaseline: nothing committed to resume after
        .filter(p -> !p.isStart());
  }

  @Override
  public Optional<io.tributary.core.RowEncoding> rowEncoding() {
    return load.rowEncoding();
  }

  /**
   * Starts the chunk's bulk load at its first offered row when the warehouse's load can take rows as they come
   * ({@link BulkLoad#feed}); {@link #load} ends it, and a chunk that rolls back first stops it before the rollback.
   */
  @Override
  public void offer(Row row) {
    if (feed == null) {
      if (!feeds || !transactions.inChunk()) {
        return;
      }
      feed = transactions.run("starting to load a chunk into " + layout.schema() + "." + layout.table(), load::feed);
      if (feed == null) {
        feeds = false;
        return;
      }
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void beforeCompletion() {
          if (feed != null) {
            feed.abandon();
          }
        }

        @Override
        public void afterCompletion(int status) {
          feed = null;
        }
      });
    }
    feed.offer(row);
  }

  @Override
  public void write(List<Row> rows, List<QuarantinedRecord> quarantined, Cursor position) {
    load(rows, quarantined, position);
  }

  /** Rows the bulk load refuses (a value the warehouse cannot hold) go to the quarantine and are counted there. */
  @Override
  public ChunkOutcome load(List<Row> rows, List<QuarantinedRecord> quarantined, Cursor position) {
    return transactions.run("loading " + rows.size() + " rows into " + layout.schema() + "." + layout.table(), c -> {
      BulkLoad.Loaded loaded = loaded(c, rows);
      List<QuarantinedRecord> bad = RefusedRow.quarantine(quarantined, loaded.refused(), rows, spec.schema());
      quarantine.insert(c, spec.run(), spec.stream(), bad);
      if (position != null) {
        state.save(c, spec.run().job(), spec.stream(), spec.run().instanceId(), position, layout.table(),
            loaded.added(), token);
      }
      return new ChunkOutcome(rows.size() - loaded.refused().size(), bad.size());
    });
  }

  /** The chunk's rows loaded: by the feed its offers began when it took them all, else by the bulk load now. */
  private BulkLoad.Loaded loaded(Connection c, List<Row> rows) throws SQLException {
    // when finish throws, the feed stays, so the rollback's beforeCompletion stops it
    Optional<BulkLoad.Loaded> fed = feed == null ? Optional.empty() : feed.finish(c, rows);
    feed = null;
    if (fed.isPresent()) {
      return fed.get();
    }
    return rows.isEmpty() ? new BulkLoad.Loaded(List.of(), 0) : load.load(c, rows);
  }

  /**
   * Undoes a feed under way before other work on the chunk's connection, which a COPY in progress would block for
   * good: the rows offered are then loaded whole by {@link #load}.
   */
  private void undoFeed(Connection c) throws SQLException {
    if (feed != null) {
      feed.finish(c, List.of());
      feed = null;
    }
  }

  /** The file's rows, its quarantine and the state row's position, when the warehouse's bulk load reads files. */
  @Override
  public Optional<ChunkOutcome> loadCsv(CsvFile file, List<CsvColumn> columns, OddRecords odd) {
    if (!(load instanceof BulkLoad.CsvFiles files)) {
      return Optional.empty();
    }
    if (transactions.chunkWorkSoFar() > 0) {
      // the load may roll the chunk transaction back and start over (DuckDB): earlier work of the chunk would go too
      throw new IllegalStateException("loadCsv of " + file.name() + " must be the first work of its chunk"
          + " transaction (TableWriter.loadCsv)");
    }
    return transactions.run("loading " + file.name() + " into " + layout.schema() + "." + layout.table(), c -> {
      undoFeed(c);
      Optional<BulkLoad.CsvFiles.FileLoaded> loaded = files.loadCsv(c, file, columns, odd,
          bad -> quarantine.insert(c, spec.run(), spec.stream(), bad));
      if (loaded.isEmpty()) {
        return Optional.<ChunkOutcome>empty();
      }
      state.save(c, spec.run().job(), spec.stream(), spec.run().instanceId(), file.after(), layout.table(),
          loaded.get().added(), token);
      return Optional.of(new ChunkOutcome(Math.toIntExact(loaded.get().rows()),
          Math.toIntExact(loaded.get().quarantined())));
    });
  }

  @Override
  public void verifyCommittedRows() {
    transactions.run("checking the rows of " + layout.schema() + "." + layout.table(), c -> {
      undoFeed(c);
      committedRows.verify(c);
      return null;
    });
  }

  @Override
  public boolean published() {
    return published;
  }

  /** The replace swap, and in its transaction the state row's record that this job instance published. */
  @Override
  public void finish() {
    if (spec.mode() != WriteMode.REPLACE || published) {
      return;
    }
    String schema = layout.schema();
    SqlDialect<T> dialect = layout.dialect();
    transactions.runDdl(schema, "swapping in the new " + schema + "." + spec.table(), c -> {
      if (new TableSetup<>(dialect, c).exists(schema, layout.table())) {
        swap(c, dialect.qualified(schema, spec.table()), dialect.quote(spec.table()));
      }
      state.markPublished(c, spec.run().job(), spec.stream(), spec.run().instanceId(), spec.table(), token);
      return null;
    });
  }

  private void swap(Connection c, String target, String targetName) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + target);
      s.execute("ALTER TABLE " + layout.qualified() + " RENAME TO " + targetName);
    }
  }
}
