package io.tributary.sink.databricks;

import io.tributary.core.ChunkOutcome;
import io.tributary.core.Cursor;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.Row;
import io.tributary.core.SystemColumns;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.WriteMode;
import io.tributary.sink.RefusedRow;
import io.tributary.sink.StagedCommittedRows;
import io.tributary.sink.jdbc.CommittedRowsCheck;
import io.tributary.sink.jdbc.JdbcTransactions;
import io.tributary.sink.jdbc.QuarantineTable;
import io.tributary.sink.jdbc.TableLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Loads one stream. Each chunk: a gzip CSV file is PUT into the stream's volume folder, then — in the chunk
 * transaction — COPY INTO the staging Delta table, quarantined records, and the state row (position, unpublished);
 * after the transaction the file is REMOVEd. {@link #finish()} publishes every staged row into the target with one MERGE (or
 * INSERT) and marks the state published, in one transaction. So the target changes once per run and stream, and a
 * failure anywhere before that commit leaves it untouched. The state row, not the job repository, says what this job
 * instance has published, so a restart after a committed publish neither repeats nor undoes it. Used by the step
 * thread only.
 */
final class DatabricksTableWriter implements TableWriter {

  private static final Logger LOG = LoggerFactory.getLogger(DatabricksTableWriter.class);

  private final JdbcTransactions transactions;
  private final DatabricksStateTable state;
  private final QuarantineTable quarantine;
  private final TableSpec spec;
  private final TableLayout<DatabricksType> layout;
  private final String staging;
  private final DatabricksStage stage;
  private final DatabricksChunkFile encoder;
  private final DatabricksPublish publish;
  /** The target's columns, then the load ordinal: the columns of each chunk file, and their staging types. */
  private final List<String> stagingColumns;
  private final List<String> stagingTypes;
  private final Path spoolDir;
  private final CommittedRowsCheck committedRows;
  private long nextSeq;
  private int chunkNo;

  DatabricksTableWriter(JdbcTransactions transactions, DatabricksStateTable state, QuarantineTable quarantine,
      TableSpec spec, TableLayout<DatabricksType> layout, String staging, DatabricksStage stage, Path spoolDir,
      long nextSeq, CommittedRowsCheck committedRows) {
    this.transactions = transactions;
    this.state = state;
    this.quarantine = quarantine;
    this.spec = spec;
    this.layout = layout;
    this.staging = staging;
    this.stage = stage;
    this.encoder = new DatabricksChunkFile(layout, spec.run());
    this.publish = new DatabricksPublish(layout, staging, spec.mode());
    this.stagingColumns = new ArrayList<>(layout.allColumns());
    stagingColumns.add(SystemColumns.SEQ);
    this.stagingTypes = new ArrayList<>(layout.types().stream().map(t -> t.staged().ddl()).toList());
    // _tributary_extracted_at, _tributary_run_id, _tributary_deleted (SystemColumns.METADATA), _tributary_seq
    stagingTypes.addAll(List.of("TIMESTAMP", "DECIMAL(38,0)", "BOOLEAN", "DECIMAL(38,0)"));
    this.spoolDir = spoolDir;
    this.nextSeq = nextSeq;
    this.committedRows = committedRows;
  }

  @Override
  public Optional<Cursor> committedPosition() {
    return transactions.run("reading the state of stream " + spec.stream(), c -> readState(c))
        .map(DatabricksStateTable.Entry::position);
  }

  @Override
  public void write(List<Row> rows, List<QuarantinedRecord> quarantined, Cursor position) {
    load(rows, quarantined, position);
  }

  /** Rows the chunk file refuses (a value Databricks cannot hold) go to the quarantine and are counted there. */
  @Override
  public ChunkOutcome load(List<Row> rows, List<QuarantinedRecord> quarantined, Cursor position) {
    return transactions.run("loading " + rows.size() + " rows of " + spec.stream() + " into " + staging, c -> {
      List<RefusedRow> refused = rows.isEmpty() ? List.of() : stageChunk(c, rows);
      List<QuarantinedRecord> bad = RefusedRow.quarantine(quarantined, refused, rows, spec.schema());
      quarantine.insert(c, spec.run(), spec.stream(), bad);
      state.saveStaged(c, spec.run().job(), spec.stream(), spec.run().instanceId(), position, layout.table());
      return new ChunkOutcome(rows.size() - refused.size(), bad.size());
    });
  }

  /** Before the publish: the target must still hold every row this job's publishes inserted into it. */
  @Override
  public void verifyCommittedRows() {
    transactions.run("checking the rows of " + layout.qualified(), c -> {
      if (checksCommittedRows(spec, readState(c))) {
        committedRows.verify(c);
      }
      return null;
    });
  }

  private List<RefusedRow> stageChunk(Connection c, List<Row> rows) throws SQLException {
    String fileName = "run" + spec.run().runId() + "-" + String.format("%06d", ++chunkNo) + ".csv.gz";
    Path file = spoolDir.resolve(fileName);
    try {
      DatabricksChunkFile.Written written = encoder.write(file, rows, nextSeq);
      nextSeq += rows.size();
      if (written.rows() > 0) {
        execute(c, stage.put(file));
        removeAfterTransaction(c, fileName);
        execute(c, stage.copy(staging, stagingColumns, stagingTypes, fileName));
      }
      return written.rejected();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write chunk file " + file, e);
    } finally {
      deleteQuietly(file);
    }
  }

  /** The staged file is no longer needed once the chunk commits or rolls back; a leftover is removed at open. */
  private void removeAfterTransaction(Connection c, String fileName) {
    String remove = stage.remove(fileName);
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCompletion(int status) {
        try {
          execute(c, remove);
        } catch (SQLException e) {
          LOG.warn("could not remove staged file {} of stream {} ({}); it stays in the volume until removed",
              fileName, spec.stream(), e.getMessage());
        }
      }
    });
  }

  @Override
  public void finish() {
    transactions.run("publishing " + spec.stream() + " into " + layout.qualified(), c -> {
      Optional<DatabricksStateTable.Entry> entry = readState(c);
      if (entry.map(DatabricksStateTable.Entry::published).orElse(false)
          || (entry.isEmpty() && spec.mode() != WriteMode.REPLACE)) {
        return false;
      }
      // Only the instance's first publish swaps a replace copy; a restart after it adds what it read to that copy.
      boolean replacing = spec.mode() == WriteMode.REPLACE
          && !entry.map(DatabricksStateTable.Entry::publishedBefore).orElse(false);
      long inserted = 0;
      for (String sql : publish.statements(replacing)) {
        if (publish.insertsIntoTarget(sql)) {
          inserted += executeCountingInserted(c, sql);
        } else {
          execute(c, sql);
        }
      }
      state.savePublished(c, spec.run().job(), spec.stream(), spec.run().instanceId(),
          entry.map(DatabricksStateTable.Entry::position).orElse(Cursor.START), layout.table(), inserted, replacing);
      return true;
    });
  }

  /**
   * Runs a MERGE or INSERT and returns the rows it inserted: Databricks answers these statements with one row of
   * counts whose {@code num_inserted_rows} is that number (Databricks docs, "MERGE INTO", "INSERT"); a driver that
   * gives an update count instead gives the rows the statement added.
   */
  private static long executeCountingInserted(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      if (!s.execute(sql)) {
        return Math.max(0, s.getUpdateCount());
      }
      try (ResultSet rs = s.getResultSet()) {
        return rs.next() ? rs.getLong(DatabricksPublish.NUM_INSERTED_ROWS) : 0;
      }
    }
  }

  private Optional<DatabricksStateTable.Entry> readState(Connection c) throws SQLException {
    return state.read(c, spec.run().job(), spec.stream(), spec.run().instanceId());
  }

  private static Void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
    return null;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.debug("cannot delete {}", file, e);
    }
  }

  /** See {@link StagedCommittedRows}: the state row says whether this instance has state, and has published. */
  static boolean checksCommittedRows(TableSpec spec, Optional<DatabricksStateTable.Entry> entry) {
    return StagedCommittedRows.checked(spec.mode(), spec.fullRefresh(), entry.isPresent(),
        entry.map(DatabricksStateTable.Entry::publishedBefore).orElse(false));
  }
}
