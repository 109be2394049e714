package io.tributary.sink.snowflake;

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
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Loads one stream. Each chunk: a gzip CSV file is PUT to the internal stage, then — in the chunk transaction —
 * COPY INTO the transient staging table, quarantined records, and the state row (position, unpublished); after the
 * transaction the file is REMOVEd. {@link #finish()} publishes every staged row into the target with one MERGE (or
 * INSERT) and marks the state published, in one transaction. So the target changes once per run and stream, and a
 * failure anywhere before that commit leaves it untouched. The state row, not the job repository, says what this job
 * instance has published, so a restart after a committed publish neither repeats nor undoes it. Used by the step
 * thread only.
 */
final class SnowflakeTableWriter implements TableWriter {

  private static final Logger LOG = LoggerFactory.getLogger(SnowflakeTableWriter.class);

  private final JdbcTransactions transactions;
  private final SnowflakeStateTable state;
  private final QuarantineTable quarantine;
  private final TableSpec spec;
  private final TableLayout<SnowflakeType> layout;
  private final String staging;
  private final SnowflakeStage stage;
  private final SnowflakeChunkFile encoder;
  private final SnowflakePublish publish;
  /** The target's columns, then the load ordinal: the columns of each chunk file. */
  private final String stagingColumns;
  private final Path spoolDir;
  private final CommittedRowsCheck committedRows;
  private long nextSeq;
  private int chunkNo;

  SnowflakeTableWriter(JdbcTransactions transactions, SnowflakeStateTable state, QuarantineTable quarantine,
      TableSpec spec, TableLayout<SnowflakeType> layout, String staging, SnowflakeStage stage, Path spoolDir,
      long nextSeq, CommittedRowsCheck committedRows) {
    this.transactions = transactions;
    this.state = state;
    this.quarantine = quarantine;
    this.spec = spec;
    this.layout = layout;
    this.staging = staging;
    this.stage = stage;
    this.encoder = new SnowflakeChunkFile(layout, spec.run());
    this.publish = new SnowflakePublish(layout, staging, spec.mode());
    this.stagingColumns = layout.loadColumnList() + ", " + layout.dialect().quote(SystemColumns.SEQ);
    this.spoolDir = spoolDir;
    this.nextSeq = nextSeq;
    this.committedRows = committedRows;
  }

  @Override
  public Optional<Cursor> committedPosition() {
    return transactions.run("reading the state of stream " + spec.stream(), c -> readState(c))
        .map(SnowflakeStateTable.Entry::position);
  }

  @Override
  public void write(List<Row> rows, List<QuarantinedRecord> quarantined, Cursor position) {
    load(rows, quarantined, position);
  }

  /** Rows the chunk file refuses (a value Snowflake cannot hold) go to the quarantine and are counted there. */
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
      SnowflakeChunkFile.Written written = encoder.write(file, rows, nextSeq);
      nextSeq += rows.size();
      if (written.rows() > 0) {
        execute(c, stage.put(file));
        removeAfterTransaction(c, fileName);
        execute(c, stage.copy(staging, stagingColumns, fileName));
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
      Optional<SnowflakeStateTable.Entry> entry = readState(c);
      if (entry.map(SnowflakeStateTable.Entry::published).orElse(false)
          || (entry.isEmpty() && spec.mode() != WriteMode.REPLACE)) {
        return false;
      }
      // Only the instance's first publish swaps a replace copy; a restart after it adds what it read to that copy.
      boolean replacing = spec.mode() == WriteMode.REPLACE
          && !entry.map(SnowflakeStateTable.Entry::publishedBefore).orElse(false);
      long inserted = 0;
      for (String sql : publish.statements(replacing)) {
        execute(c, sql);
        if (publish.insertsIntoTarget(sql)) {
          inserted += insertedByLastStatement(c);
        }
      }
      state.savePublished(c, spec.run().job(), spec.stream(), spec.run().instanceId(),
          entry.map(SnowflakeStateTable.Entry::position).orElse(Cursor.START), layout.table(), inserted, replacing);
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
   * The "number of rows inserted" column of the MERGE or INSERT just run in this session (Snowflake docs, "MERGE" and
   * "INSERT", output; "RESULT_SCAN"): the driver's update count of a MERGE adds the updated rows to it.
   */
  private static long insertedByLastStatement(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(SnowflakePublish.INSERTED_BY_LAST_STATEMENT)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private Optional<SnowflakeStateTable.Entry> readState(Connection c) throws SQLException {
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
  static boolean checksCommittedRows(TableSpec spec, Optional<SnowflakeStateTable.Entry> entry) {
    return StagedCommittedRows.checked(spec.mode(), spec.fullRefresh(), entry.isPresent(),
        entry.map(SnowflakeStateTable.Entry::publishedBefore).orElse(false));
  }
}
