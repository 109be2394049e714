package io.tributary.sink.staged;

import io.tributary.core.ChunkOutcome;
import io.tributary.core.Cursor;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.Row;
import io.tributary.core.SystemColumns;
import io.tributary.core.WriteMode;
import io.tributary.sink.RefusedRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Loads one stream into a warehouse with multi-statement transactions that hold COPY and DML (Snowflake). Each chunk:
 * a gzip CSV file is PUT to the stage, then — in the chunk transaction — COPY INTO the staging table, quarantined
 * records, and the state row (position, unpublished); after the transaction the file is removed. {@link #finish()}
 * publishes every staged row into the target with one MERGE (or INSERT) and marks the state published, in one
 * transaction. So the target changes once per run and stream, and a failure anywhere before that commit leaves it
 * untouched. The state row, not the job repository, says what this job instance has published, so a restart after a
 * committed publish neither repeats nor undoes it. Used by the step thread only.
 */
public final class TransactionalStagedWriter extends StagedTableWriterBase {

  private int chunkNo;

  public TransactionalStagedWriter(StagedTable table, StagedChunkFile encoder) {
    super(table, encoder, new StagedPublish(table.layout(), table.staging(), table.staging()));
  }

  @Override
  public Optional<Cursor> committedPosition() {
    return transactions.run("reading the state of stream " + spec.stream(), c -> readState(c))
        .map(StagedStateTable.Entry::position);
  }

  @Override
  public void write(List<Row> rows, List<QuarantinedRecord> quarantined, Cursor position) {
    load(rows, quarantined, position);
  }

  /** Rows the chunk file refuses (a value the warehouse cannot hold) go to the quarantine and are counted there. */
  @Override
  public ChunkOutcome load(List<Row> rows, List<QuarantinedRecord> quarantined, Cursor position) {
    return transactions.run("loading " + rows.size() + " rows of " + spec.stream() + " into " + table.staging(),
        c -> {
          List<RefusedRow> refused = rows.isEmpty() ? List.of() : stageChunk(c, rows);
          List<QuarantinedRecord> bad = RefusedRow.quarantine(quarantined, refused, rows, spec.schema());
          quarantine.insert(c, spec.run(), spec.stream(), bad);
          state.saveStaged(c, spec.run().job(), spec.stream(), spec.run().instanceId(), position, layout.table(),
              table.writer());
          return new ChunkOutcome(rows.size() - refused.size(), bad.size());
        });
  }

  /** Before the publish: the target must still hold every row this job's publishes inserted into it. */
  @Override
  public void verifyCommittedRows() {
    transactions.run("checking the rows of " + layout.qualified(), c -> {
      verifyCommittedRows(c, readState(c));
      return null;
    });
  }

  private List<RefusedRow> stageChunk(Connection c, List<Row> rows) throws SQLException {
    String fileName = "run" + spec.run().runId() + "-" + String.format("%06d", ++chunkNo) + ".csv.gz";
    Path file = spoolFile(fileName);
    try {
      StagedChunkFile.Written written = encoder.write(file, rows, nextSeq);
      nextSeq += rows.size();
      if (written.rows() > 0) {
        execute(c, stage.put(file));
        removeAfterTransaction(c, fileName);
        List<String> columns = new ArrayList<>(layout.allColumns());
        columns.add(SystemColumns.SEQ);
        execute(c, stage.copy(table.staging(), columns, List.of(), List.of(fileName)));
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
          LOG.warn("could not remove staged file {} of stream {} ({}); it is removed at the next run",
              fileName, spec.stream(), e.getMessage());
        }
      }
    });
  }

  @Override
  public void finish() {
    boolean published = transactions.run("publishing " + spec.stream() + " into " + layout.qualified(), c -> {
      Optional<StagedStateTable.Entry> entry = readState(c);
      if (entry.map(StagedStateTable.Entry::published).orElse(false)
          || (entry.isEmpty() && spec.mode() != WriteMode.REPLACE)) {
        return false;
      }
      // Only the instance's first publish swaps a replace copy; a restart after it adds what it read to that copy.
      boolean replacing = spec.mode() == WriteMode.REPLACE
          && !entry.map(StagedStateTable.Entry::publishedBefore).orElse(false);
      long inserted = 0;
      for (String sql : statements(replacing)) {
        if (publish.insertsIntoTarget(sql)) {
          inserted += publishStatement.run(c, sql);
        } else {
          execute(c, sql);
        }
      }
      state.savePublished(c, spec.run().job(), spec.stream(), spec.run().instanceId(),
          entry.map(StagedStateTable.Entry::position).orElse(Cursor.START), layout.table(), inserted, replacing,
          table.writer());
      return true;
    });
    if (published) {
      try {
        transactions.runAlone("removing staged files of " + spec.stream(), c -> execute(c, stage.removeAll()));
      } catch (RuntimeException e) {
        LOG.warn("could not remove staged files of stream {} ({}); they are removed at the next run", spec.stream(),
            e.getMessage());
      }
    }
  }

  /**
   * merge → one MERGE keeping the last staged row of each key; append → one INSERT in load order; replace → DELETE
   * the target, then INSERT (deduplicated by key when the stream has one), in the job instance's first publish only: a
   * later publish of the same instance merges by key, or appends, into that copy. Then the staging table is emptied.
   *
   * @param replacing whether this publish swaps a replace copy (the job instance's first publish)
   */
  List<String> statements(boolean replacing) {
    List<String> sql = new ArrayList<>();
    switch (spec.mode()) {
      case MERGE -> sql.add(publish.merge());
      case APPEND -> sql.add(publish.insert(false));
      case REPLACE -> {
        if (replacing) {
          sql.add("DELETE FROM " + layout.qualified());
          sql.add(publish.insert(publish.keyed()));
        } else {
          sql.add(publish.keyed() ? publish.merge() : publish.insert(false));
        }
      }
    }
    sql.add(publish.clearStaging());
    return sql;
  }
}
