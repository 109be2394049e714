package io.tributary.sink.postgres;

import io.tributary.sink.jdbc.JdbcTransactions;
import static io.tributary.core.Identifiers.quote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tributary.core.ChunkOutcome;
import io.tributary.core.CommittedRows;
import io.tributary.core.Cursor;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.Row;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.WriteMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Loads one stream's chunks: binary COPY into the target (append), into {@code <table>__tributary_new} (replace), or
 * into a staging table merged by key (merge, and replace of a keyed stream). Quarantined records and the state row go
 * in the same transaction. Used by the step thread only.
 */
final class PostgresTableWriter implements TableWriter {

  private static final ObjectMapper ROW_JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final JdbcTransactions transactions;
  private final PostgresStateTable state;
  private final PostgresQuarantineTable quarantine;
  private final TableSpec spec;
  private final PostgresTableLayout layout;
  private final PostgresCopyLoad copy;
  private final PostgresMergeStatement merge;
  private final String token;
  private final boolean published;
  private boolean copyStraightIntoKeyedTable;

  /**
   * @param layout the table chunks load into: the target, or the replace table (the target once published)
   * @param emptyAtOpen whether that table held no rows at open: a keyed load then tries a plain COPY first
   * @param token this writer's claim on the stream's state row ({@link io.tributary.sink.StateRowFence})
   * @param published whether the state row says this job instance's replace swap already committed
   */
  PostgresTableWriter(JdbcTransactions transactions, PostgresStateTable state, PostgresQuarantineTable quarantine,
      TableSpec spec, PostgresTableLayout layout, boolean emptyAtOpen, String token, boolean published) {
    this.token = token;
    this.published = published;
    this.transactions = transactions;
    this.state = state;
    this.quarantine = quarantine;
    this.spec = spec;
    this.layout = layout;
    this.copy = new PostgresCopyLoad(layout, spec.run());
    this.merge = layout.primaryKey().isEmpty() ? null : new PostgresMergeStatement(layout);
    this.copyStraightIntoKeyedTable = emptyAtOpen;
  }

  @Override
  public Optional<Cursor> committedPosition() {
    return transactions.run("reading the state of stream " + spec.stream(),
        c -> state.read(c, spec.run().job(), spec.stream(), spec.run().instanceId()))
        // a row at START is this writer's claim, or a rebaseline: nothing committed to resume after
        .filter(p -> !p.isStart());
  }

  @Override
  public void write(List<Row> rows, List<QuarantinedRecord> quarantined, Cursor position) {
    load(rows, quarantined, position);
  }

  /** Rows the encoder refuses (a NUL in text, a decimal too large) go to the quarantine and are counted there. */
  @Override
  public ChunkOutcome load(List<Row> rows, List<QuarantinedRecord> quarantined, Cursor position) {
    return transactions.run("loading " + rows.size() + " rows into " + layout.schema() + "." + layout.table(), c -> {
      Loaded loaded = rows.isEmpty() ? new Loaded(List.of(), 0) : load(c, rows);
      List<QuarantinedRecord> bad = quarantined;
      if (!loaded.rejected().isEmpty()) {
        bad = new ArrayList<>(quarantined);
        for (PostgresCopyLoad.Rejected r : loaded.rejected()) {
          bad.add(quarantineRecord(rows.get(r.rowIndex()), r.reason()));
        }
      }
      quarantine.insert(c, spec.run(), spec.stream(), bad);
      state.save(c, spec.run().job(), spec.stream(), spec.run().instanceId(), position, layout.table(),
          loaded.added(), token);
      return new ChunkOutcome(rows.size() - loaded.rejected().size(), bad.size());
    });
  }

  @Override
  public void verifyCommittedRows() {
    transactions.run("checking the rows of " + layout.schema() + "." + layout.table(), c -> {
      verifyCommittedRows(c);
      return null;
    });
  }

  /** The committed count is read first: rows only grow while other parts commit, so the later count covers it. */
  void verifyCommittedRows(Connection c) throws SQLException {
    long committed = state.committedRows(c, spec.run().job(), layout.table());
    if (committed > 0) {
      CommittedRows.require(layout.schema() + "." + layout.table(), rowsHeld(c, committed), committed,
          spec.run().job());
    }
  }

  long rowsHeld(Connection c) throws SQLException {
    return rowsHeld(c, Long.MAX_VALUE);
  }

  /** The table's row count, counted no further than {@code enough}; 0 when the table does not exist. */
  private long rowsHeld(Connection c, long enough) throws SQLException {
    if (!new PostgresTableSetup(c).exists(layout.schema(), layout.table())) {
      return 0;
    }
    String limit = enough == Long.MAX_VALUE ? "" : " LIMIT " + enough;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM (SELECT 1 FROM " + layout.qualified() + limit + ") r")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** A chunk's COPY: the rows the encoder refused, and how many rows the target gained (merged keys don't count). */
  private record Loaded(List<PostgresCopyLoad.Rejected> rejected, long added) {}

  private Loaded load(Connection c, List<Row> rows) throws SQLException {
    if (merge == null) {
      return copied(copy.copy(c, layout.qualified(), layout.loadColumnList(), rows, false), rows);
    }
    if (copyStraightIntoKeyedTable) {
      // While the table started empty, keys rarely repeat: a plain COPY is ~2x the merge. A repeated key (in this
      // chunk or an earlier one) raises 23505; undo to the savepoint and merge from then on.
      Savepoint savepoint = c.setSavepoint();
      try {
        List<PostgresCopyLoad.Rejected> rejected =
            copy.copy(c, layout.qualified(), layout.loadColumnList(), rows, false);
        c.releaseSavepoint(savepoint);
        return copied(rejected, rows);
      } catch (SQLException e) {
        if (!PostgresErrors.sqlState(e).equals("23505")) {
          throw e;
        }
        c.rollback(savepoint);
        copyStraightIntoKeyedTable = false;
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute(merge.createStaging());
      List<PostgresCopyLoad.Rejected> rejected = copy.copy(c, merge.staging(), merge.stagingColumnList(), rows, true);
      try (ResultSet inserted = s.executeQuery(merge.mergeCountingInserts())) {
        inserted.next();
        return new Loaded(rejected, inserted.getLong(1));
      }
    }
  }

  private static Loaded copied(List<PostgresCopyLoad.Rejected> rejected, List<Row> rows) {
    return new Loaded(rejected, rows.size() - rejected.size());
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
    String target = quote(layout.schema()) + "." + quote(spec.table());
    transactions.run("swapping in the new " + layout.schema() + "." + spec.table(), c -> {
      PostgresDdlLock.acquire(c, layout.schema());
      if (new PostgresTableSetup(c).exists(layout.schema(), layout.table())) {
        try (Statement s = c.createStatement()) {
          s.execute("DROP TABLE IF EXISTS " + target);
          s.execute("ALTER TABLE " + layout.qualified() + " RENAME TO " + quote(spec.table()));
        }
      }
      state.markPublished(c, spec.run().job(), spec.stream(), spec.run().instanceId(), spec.table(), token);
      return null;
    });
  }

  private QuarantinedRecord quarantineRecord(Row row, String reason) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < layout.columns().size() && i < row.values().length; i++) {
      values.put(layout.columns().get(i), row.values()[i]);
    }
    values.put(PostgresTableLayout.DELETED, row.deleted());
    StringJoiner key = new StringJoiner("|");
    for (String k : spec.schema().primaryKey()) {
      int i = layout.columns().indexOf(k);
      key.add(i < row.values().length ? String.valueOf(row.values()[i]) : "");
    }
    String json;
    try {
      json = ROW_JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      json = String.valueOf(values);
    }
    return new QuarantinedRecord(spec.schema().primaryKey().isEmpty() ? null : key.toString(), json,
        List.of(reason));
  }
}
