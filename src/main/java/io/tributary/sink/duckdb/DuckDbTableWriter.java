package io.tributary.sink.duckdb;

import io.tributary.core.Cursor;
import io.tributary.core.Identifiers;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.Row;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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
  private final DuckDbRowAppender appender;
  private final DuckDbMergeStatement merge;
  private final DuckDbStateTable state;
  private final DuckDbQuarantineTable quarantine;

  /**
   * @param loadTable the table chunks land in: the target, or {@code <table>__tributary_new} for REPLACE
   * @param appender loads the staging table when {@code merge} is set, else {@code loadTable} directly
   * @param merge null when rows are appended
   */
  DuckDbTableWriter(DataSource dataSource, DuckDbTableDdl ddl, TableSpec spec, String loadTable,
      DuckDbRowAppender appender, DuckDbMergeStatement merge) {
    this.dataSource = dataSource;
    this.ddl = ddl;
    this.spec = spec;
    this.loadTable = loadTable;
    this.appender = appender;
    this.merge = merge;
    this.state = new DuckDbStateTable(ddl);
    this.quarantine = new DuckDbQuarantineTable(ddl);
  }

  @Override
  public Optional<Cursor> committedPosition() {
    try (Connection c = dataSource.getConnection()) {
      return state.position(c, spec.run().job(), spec.stream(), spec.run().instanceId());
    } catch (SQLException e) {
      throw DuckDbErrors.onWrite("read the committed position of stream " + spec.stream(), e);
    }
  }

  @Override
  public void write(List<Row> rows, List<QuarantinedRecord> quarantined, Cursor position) {
    Connection c = DataSourceUtils.getConnection(dataSource);
    try {
      DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
      if (!rows.isEmpty()) {
        if (merge == null) {
          appender.append(duck, rows);
        } else {
          requireKeys(rows);
          try (Statement s = c.createStatement()) {
            s.execute(DuckDbMergeStatement.createStage(spec.schema()));
          }
          appender.append(duck, rows);
          merge.apply(c, spec.run(), rows.stream().anyMatch(Row::deleted));
        }
      }
      quarantine.insert(c, spec.run(), spec.stream(), quarantined);
      if (position != null) {
        state.upsert(c, spec.run().job(), spec.stream(), spec.run().instanceId(), position);
      }
    } catch (SQLException e) {
      throw DuckDbErrors.onWrite("load a chunk of " + rows.size() + " rows into " + ddl.qualified(loadTable), e);
    } finally {
      DataSourceUtils.releaseConnection(c, dataSource);
    }
  }

  /** A null key part would never match on replay and leave duplicates; the mapping quarantines such records. */
  private void requireKeys(List<Row> rows) {
    List<String> keys = spec.schema().primaryKey();
    List<String> columns = spec.schema().columnNames();
    for (String key : keys) {
      int index = columns.indexOf(spec.schema().column(key).orElseThrow().name());
      for (Row row : rows) {
        if (row.values()[index] == null) {
          throw new TributaryException(TributaryException.Kind.INTERNAL,
              "a row for " + ddl.qualified(loadTable) + " has a null primary key part '" + key + "'",
              "primary key fields must be validated as required in the mapping, so such records are quarantined",
              null);
        }
      }
    }
  }

  @Override
  public void finish() {
    if (spec.mode() != WriteMode.REPLACE) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS " + ddl.qualified(spec.table()));
        s.execute("ALTER TABLE " + ddl.qualified(loadTable) + " RENAME TO "
            + Identifiers.quote(spec.table()));
        // The position described the new table, which is now the target: a later restart must load afresh.
        state.delete(c, spec.run().job(), spec.stream());
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
