package io.tributary.sink.duckdb;

import io.tributary.core.ChunkOutcome;
import io.tributary.core.Cursor;
import io.tributary.core.Identifiers;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.Row;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import javax.sql.DataSource;
import org.duckdb.DuckDBConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Writes one stream into DuckDB. Each {@link #write} joins the chunk transaction through
 * {@link DataSourceUtils#getConnection}: rows, quarantine and state commit or roll back together.
 */
final class DuckDbTableWriter implements TableWriter {

  private final DataSource dataSource;
  private final DuckDbTableDdl ddl;
  private final TableSpec spec;
  private final String loadTable;
  private final DuckDbRowAppender target;
  private final DuckDbMergePlan merge;
  private final DuckDbStateTable state;
  private final DuckDbQuarantineTable quarantine;
  private final int[] keyIndexes;
  private final String token;
  private final boolean published;

  /**
   * @param loadTable the table chunks land in: the target, or {@code <table>__tributary_new} for REPLACE
   * @param target appends rows straight into {@code loadTable}
   * @param merge null when rows are appended
   * @param token this writer's claim on the stream's state row ({@link io.tributary.sink.StateRowFence})
   * @param published whether the state row says this job instance's replace swap already committed
   */
  DuckDbTableWriter(DataSource dataSource, DuckDbTableDdl ddl, TableSpec spec, String loadTable,
      DuckDbRowAppender target, DuckDbMergePlan merge, String token, boolean published) {
    this.token = token;
    this.published = published;
    this.dataSource = dataSource;
    this.ddl = ddl;
    this.spec = spec;
    this.loadTable = loadTable;
    this.target = target;
    this.merge = merge;
    this.state = new DuckDbStateTable(ddl);
    this.quarantine = new DuckDbQuarantineTable(ddl);
    List<String> columns = spec.schema().columnNames();
    this.keyIndexes = spec.schema().primaryKey().stream()
        .mapToInt(k -> columns.indexOf(spec.schema().column(k).orElseThrow().name()))
        .toArray();
  }

  @Override
  public Optional<Cursor> committedPosition() {
    try (Connection c = dataSource.getConnection()) {
      // a row at START is this writer's claim, or a rebaseline: nothing committed to resume after
      return state.position(c, spec.run().job(), spec.stream(), spec.run().instanceId()).filter(p -> !p.isStart());
    } catch (SQLException e) {
      throw DuckDbErrors.onWrite("read the committed position of stream " + spec.stream(), e);
    }
  }

  @Override
  public void write(List<Row> rows, List<QuarantinedRecord> quarantined, Cursor position) {
    load(rows, quarantined, position);
  }

  @Override
  public ChunkOutcome load(List<Row> chunk, List<QuarantinedRecord> refusedByMapping, Cursor position) {
    List<QuarantinedRecord> quarantined = refusedByMapping;
    List<Row> rows = chunk;
    DuckDbRefusedRows refused = DuckDbRefusedRows.screen(chunk, target, spec.schema());
    if (refused != null) {
      rows = refused.loadable();
      quarantined = new ArrayList<>(refusedByMapping);
      quarantined.addAll(refused.records());
    }
    Connection c = DataSourceUtils.getConnection(dataSource);
    try {
      DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
      long added = 0;
      if (!rows.isEmpty()) {
        if (merge == null) {
          target.append(duck, rows);
          added = rows.size();
        } else {
          added = merge(c, duck, rows);
        }
      }
      quarantine.insert(c, spec.run(), spec.stream(), quarantined);
      if (position != null) {
        state.upsert(c, spec.run().job(), spec.stream(), spec.run().instanceId(), position, loadTable, added, token);
      }
      return new ChunkOutcome(rows.size(), quarantined.size());
    } catch (SQLException e) {
      throw DuckDbErrors.onWrite("load a chunk of " + rows.size() + " rows into " + ddl.qualified(loadTable), e);
    } finally {
      DataSourceUtils.releaseConnection(c, dataSource);
    }
  }

  @Override
  public void verifyCommittedRows() {
    try (Connection c = dataSource.getConnection()) {
      new DuckDbCommittedRows(ddl, spec.run().job(), loadTable).verify(c);
    } catch (SQLException e) {
      throw DuckDbErrors.onWrite("count the rows of " + ddl.qualified(loadTable), e);
    }
  }

  /**
   * A chunk with no repeated key and no deleted row (the usual case) only needs the target's rows of its keys
   * deleted before its rows are appended straight into the target; any other chunk goes through the full staging
   * table, which deduplicates and applies soft deletes. Returns how many rows the target gained.
   */
  private long merge(Connection c, DuckDBConnection duck, List<Row> rows) throws SQLException {
    requireKeys(rows);
    boolean duplicateKeys = hasDuplicateKeys(rows);
    boolean anyDeleted = rows.stream().anyMatch(Row::deleted);
    boolean direct = !duplicateKeys && !anyDeleted;
    try (Statement s = c.createStatement()) {
      s.execute(direct ? DuckDbMergeStatement.createKeyStage(spec.schema())
          : DuckDbMergeStatement.createStage(spec.schema()));
    }
    if (direct) {
      merge.keys().appendInStartedTransaction(duck, rows);
      int replaced = merge.statement().deleteStagedKeys(c);
      target.appendInStartedTransaction(duck, rows);
      return rows.size() - replaced;
    }
    merge.stage().appendInStartedTransaction(duck, rows);
    return merge.statement().apply(c, spec.run(), duplicateKeys, anyDeleted);
  }

  /** Most chunks repeat no key; checking here in Java lets the merge skip the SQL deduplication. */
  private boolean hasDuplicateKeys(List<Row> rows) {
    Set<Object> seen = new HashSet<>(rows.size() * 2);
    for (Row row : rows) {
      if (!seen.add(key(row))) {
        return true;
      }
    }
    return false;
  }

  private Object key(Row row) {
    if (keyIndexes.length == 1) {
      return comparable(row.values()[keyIndexes[0]]);
    }
    List<Object> key = new ArrayList<>(keyIndexes.length);
    for (int index : keyIndexes) {
      key.add(comparable(row.values()[index]));
    }
    return key;
  }

  /** Key values as DuckDB compares them once loaded: decimals by value, timestamps at microseconds. */
  private static Object comparable(Object value) {
    if (value instanceof BigDecimal d) {
      return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }
    return value instanceof Instant t ? t.truncatedTo(ChronoUnit.MICROS) : value;
  }

  /** A null key part would never match on replay and leave duplicates; the mapping quarantines such records. */
  private void requireKeys(List<Row> rows) {
    for (int k = 0; k < keyIndexes.length; k++) {
      for (Row row : rows) {
        if (row.values()[keyIndexes[k]] == null) {
          throw new TributaryException(TributaryException.Kind.INTERNAL,
              "a row for " + ddl.qualified(loadTable) + " has a null primary key part '"
                  + spec.schema().primaryKey().get(k) + "'",
              "primary key fields must be validated as required in the mapping, so such records are quarantined",
              null);
        }
      }
    }
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
    // the sink's DDL lock: another stream of this run may be creating tables at this moment
    synchronized (ddl) {
      swap();
    }
  }

  private void swap() {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS " + ddl.qualified(spec.table()));
        s.execute("ALTER TABLE " + ddl.qualified(loadTable) + " RENAME TO "
            + Identifiers.quote(spec.table()));
        // a restart of this instance (the step did not complete) then finds the stream complete
        state.markPublished(c, spec.run().job(), spec.stream(), spec.run().instanceId(), spec.table(), token);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw DuckDbErrors.onWrite("swap " + ddl.qualified(loadTable) + " in as " + ddl.qualified(spec.table()), e);
    }
  }

  static TributaryException noKey(TableSpec spec) {
    return TributaryException.config(
        "stream '" + spec.stream() + "' uses mode " + spec.mode().name().toLowerCase() + " but has no primary key",
        "declare primary_key for the stream, or use mode: append");
  }
}
