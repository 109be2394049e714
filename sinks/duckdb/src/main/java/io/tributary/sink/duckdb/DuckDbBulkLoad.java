package io.tributary.sink.duckdb;

import io.tributary.core.CsvFile;
import io.tributary.core.TableWriter.CsvColumn;
import io.tributary.core.TableWriter.OddRecords;
import java.util.Optional;

import io.tributary.core.Column;
import io.tributary.core.Row;
import io.tributary.core.RunInfo;
import io.tributary.core.StreamSchema;
import io.tributary.core.SystemColumns;
import io.tributary.core.TableSpec;
import io.tributary.core.TributaryException;
import io.tributary.sink.RefusedRow;
import io.tributary.sink.jdbc.BulkLoad;
import io.tributary.sink.jdbc.TableLayout;
import io.tributary.sink.jdbc.TableSetup;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBConnection;

/**
 * Loads a chunk with the DuckDB Appender, straight into the table, or for a keyed stream merged by key
 * ({@link DuckDbMergeStatement}). Rows with a value DuckDB cannot hold ({@link DuckDbValueRange}) are left out and
 * reported before the Appender sees them: it would fail the whole chunk on them, on every run.
 */
final class DuckDbBulkLoad implements BulkLoad, BulkLoad.CsvFiles {

  private final String table;
  private final StreamSchema stream;
  private final RunInfo run;
  private final DuckDbRowAppender target;
  private final DuckDbMergePlan merge;
  private final int[] keyIndexes;
  private final DuckDbCsvLoad csv;

  private DuckDbBulkLoad(String table, TableSpec spec, DuckDbRowAppender target, DuckDbMergePlan merge,
      DuckDbCsvLoad csv) {
    this.csv = csv;
    this.table = table;
    this.stream = spec.schema();
    this.run = spec.run();
    this.target = target;
    this.merge = merge;
    List<String> columns = stream.columnNames();
    this.keyIndexes = stream.primaryKey().stream()
        .mapToInt(k -> columns.indexOf(stream.column(k).orElseThrow().name()))
        .toArray();
  }

  /** Plans the Appenders from the table's real column order (evolution appends columns at the end). */
  static DuckDbBulkLoad create(Connection c, TableLayout<DuckDbType> layout, TableSpec spec) throws SQLException {
    Map<String, DuckDbType> columns = new LinkedHashMap<>();
    new TableSetup<>(layout.dialect(), c).columns(layout.schema(), layout.table())
        .forEach((name, type) -> columns.put(name, type.orElseThrow()));
    StreamSchema stream = spec.schema();
    DuckDbRowAppender target =
        DuckDbRowAppender.plan(null, layout.schema(), layout.table(), columns, stream, spec.run());
    DuckDbMergePlan merge = layout.primaryKey().isEmpty() ? null : new DuckDbMergePlan(
        new DuckDbMergeStatement(layout.qualified(), stream),
        DuckDbRowAppender.plan("temp", "main", DuckDbMergeStatement.STAGE, stageColumns(stream), stream, spec.run()),
        DuckDbRowAppender.plan("temp", "main", DuckDbMergeStatement.KEYS, keyColumns(stream), stream, spec.run()));
    DuckDbCsvLoad csv = new DuckDbCsvLoad(stream, spec.run(), target, merge != null ? merge.stage()
        : DuckDbRowAppender.plan("temp", "main", DuckDbMergeStatement.STAGE, stageColumns(stream), stream, spec.run()),
        merge != null ? merge.statement() : new DuckDbMergeStatement(layout.qualified(), stream), merge != null);
    return new DuckDbBulkLoad(layout.schema() + "." + layout.table(), spec, target, merge, csv);
  }

  private static Map<String, DuckDbType> stageColumns(StreamSchema stream) {
    Map<String, DuckDbType> columns = new LinkedHashMap<>();
    columns.put(SystemColumns.SEQ, DuckDbType.parse("BIGINT"));
    for (Column column : stream.columns()) {
      columns.put(column.name().toLowerCase(Locale.ROOT), DuckDbType.of(column));
    }
    columns.put(SystemColumns.DELETED, DuckDbType.parse("BOOLEAN"));
    return columns;
  }

  private static Map<String, DuckDbType> keyColumns(StreamSchema stream) {
    Map<String, DuckDbType> keys = new LinkedHashMap<>();
    for (String key : stream.primaryKey()) {
      Column column = stream.column(key).orElseThrow();
      keys.put(column.name().toLowerCase(Locale.ROOT), DuckDbType.of(column));
    }
    return keys;
  }

  @Override
  public Loaded load(Connection c, List<Row> chunk) throws SQLException {
    List<RefusedRow> refused = new ArrayList<>(0);
    List<Row> rows = chunk;
    for (int i = 0; i < chunk.size(); i++) {
      String reason = target.refusal(chunk.get(i));
      if (reason != null && refused.isEmpty()) {
        rows = new ArrayList<>(chunk.subList(0, i));
      }
      if (reason != null) {
        refused.add(new RefusedRow(i, reason));
      } else if (!refused.isEmpty()) {
        rows.add(chunk.get(i));
      }
    }
    if (rows.isEmpty()) {
      return new Loaded(refused, 0);
    }
    DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
    if (merge == null) {
      target.append(duck, rows);
      return new Loaded(refused, rows.size());
    }
    return new Loaded(refused, merge(c, duck, rows));
  }

  @Override
  public Optional<FileLoaded> loadCsv(Connection c, CsvFile file, List<CsvColumn> columns, OddRecords odd,
      Quarantine quarantine) throws SQLException {
    return csv.load(c, file, columns, odd, quarantine);
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
      s.execute(direct ? DuckDbMergeStatement.createKeyStage(stream) : DuckDbMergeStatement.createStage(stream));
    }
    if (direct) {
      merge.keys().appendInStartedTransaction(duck, rows);
      int replaced = merge.statement().deleteStagedKeys(c);
      target.appendInStartedTransaction(duck, rows);
      return rows.size() - replaced;
    }
    merge.stage().appendInStartedTransaction(duck, rows);
    return merge.statement().apply(c, run, duplicateKeys, anyDeleted);
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
              "a row for " + table + " has a null primary key part '" + stream.primaryKey().get(k) + "'",
              "primary key fields must be validated as required in the mapping, so such records are quarantined",
              null);
        }
      }
    }
  }
}
