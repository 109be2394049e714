package io.tributary.sink.staged;

import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.sink.StagedCommittedRows;
import io.tributary.sink.jdbc.CommittedRowsCheck;
import io.tributary.sink.jdbc.JdbcTransactions;
import io.tributary.sink.jdbc.QuarantineTable;
import io.tributary.sink.jdbc.TableLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both staged writers hold and do alike: the stream's tables, its stage folder, its chunk file encoder and
 * publishing SQL, the state row and the committed-rows check. Used by the step thread only.
 */
abstract class StagedTableWriterBase implements TableWriter {

  protected static final Logger LOG = LoggerFactory.getLogger(StagedTableWriterBase.class);

  protected final StagedTable table;
  protected final JdbcTransactions transactions;
  protected final StagedStateTable state;
  protected final QuarantineTable quarantine;
  protected final TableSpec spec;
  protected final TableLayout<StagedType> layout;
  protected final StageLocation stage;
  protected final StagedChunkFile encoder;
  protected final StagedPublish publish;
  protected final PublishStatement publishStatement;
  protected long nextSeq;

  StagedTableWriterBase(StagedTable table, StagedChunkFile encoder, StagedPublish publish) {
    this.table = table;
    this.transactions = table.transactions();
    this.state = table.state();
    this.quarantine = table.quarantine();
    this.spec = table.spec();
    this.layout = table.layout();
    this.stage = table.stage();
    this.publishStatement = table.publishStatement();
    this.encoder = encoder;
    this.publish = publish;
    this.nextSeq = table.nextSeq();
  }

  protected Optional<StagedStateTable.Entry> readState(Connection c) throws SQLException {
    return state.read(c, spec.run().job(), spec.stream(), spec.run().instanceId());
  }

  protected void verifyCommittedRows(Connection c, Optional<StagedStateTable.Entry> entry) throws SQLException {
    if (checksCommittedRows(spec, entry)) {
      table.committedRows().verify(c);
    }
  }

  protected static Void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
    return null;
  }

  protected Path spoolFile(String fileName) {
    return table.spoolDir().resolve(fileName);
  }

  protected static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.debug("cannot delete {}", file, e);
    }
  }

  /** See {@link StagedCommittedRows}: the state row says whether this instance has state, and has published. */
  static boolean checksCommittedRows(TableSpec spec, Optional<StagedStateTable.Entry> entry) {
    return StagedCommittedRows.checked(spec.mode(), spec.fullRefresh(), entry.isPresent(),
        entry.map(StagedStateTable.Entry::publishedBefore).orElse(false));
  }

  /** The committed-rows check of this writer's target, for {@link CommittedRowsCheck} users. */
  protected CommittedRowsCheck committedRows() {
    return table.committedRows();
  }
}
