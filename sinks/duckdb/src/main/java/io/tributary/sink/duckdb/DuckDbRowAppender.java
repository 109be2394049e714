package io.tributary.sink.duckdb;

import io.tributary.core.Column;
import io.tributary.core.Row;
import io.tributary.core.RunInfo;
import io.tributary.core.StreamSchema;
import io.tributary.core.SystemColumns;
import io.tributary.core.TributaryException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Bulk-loads rows into one table with the DuckDB Appender. The plan is built once per table from its actual column
 * order (evolution appends columns at the end, so it can differ from the stream schema) and each slot knows how to
 * write its value: the Appender checks types strictly, e.g. a DECIMAL needs exactly the column's scale.
 *
 * <p>The caller must have run a SQL statement in the current transaction first: an Appender opened before the first
 * statement of a transaction runs in its own auto-commit transaction (verified with duckdb_jdbc 2.0.0.1), and its
 * rows would survive a rollback.
 */
final class DuckDbRowAppender {

  @FunctionalInterface
  private interface Slot {
    void append(DuckDBAppender appender, Row row, long seq) throws SQLException;
  }

  private final String catalog;
  private final String schema;
  private final String table;
  private final Slot[] slots;
  private final DuckDbValueRange range;

  private DuckDbRowAppender(String catalog, String schema, String table, Slot[] slots, DuckDbValueRange range) {
    this.catalog = catalog;
    this.schema = schema;
    this.table = table;
    this.slots = slots;
    this.range = range;
  }

  /**
   * @param catalog {@code temp} for a temporary staging table, null for the database's own catalog
   * @param columns the table's columns in order (lower-case name → type)
   */
  static DuckDbRowAppender plan(
      String catalog, String schema, String table, Map<String, DuckDbType> columns, StreamSchema stream,
      RunInfo run) {
    List<Column> streamColumns = stream.columns();
    Slot[] slots = new Slot[columns.size()];
    int i = 0;
    for (Map.Entry<String, DuckDbType> entry : columns.entrySet()) {
      slots[i++] = slot(entry.getKey(), entry.getValue(), streamColumns, run, table);
    }
    return new DuckDbRowAppender(catalog, schema, table, slots, DuckDbValueRange.of(columns, streamColumns));
  }

  /**
   * Why the Appender could not hold a value of {@code row} (a timestamp beyond DuckDB's range, a decimal wider than
   * its column), or null: the writer quarantines such a row instead of failing the chunk on every run.
   */
  String refusal(Row row) {
    return range.refusal(row);
  }

  /** Appends every row; the load ordinal counts from 0 in list order. */
  void append(DuckDBConnection connection, List<Row> rows) throws SQLException {
    joinTransaction(connection);
    appendInStartedTransaction(connection, rows);
  }

  /** As {@link #append}, when a statement of the current transaction has already run (see the class doc). */
  void appendInStartedTransaction(DuckDBConnection connection, List<Row> rows) throws SQLException {
    try (DuckDBAppender appender = open(connection)) {
      long seq = 0;
      for (Row row : rows) {
        appendRow(appender, row, seq++);
      }
    }
  }

  /** As {@link #appendInStartedTransaction}, each row with its own load ordinal. */
  void appendInStartedTransaction(DuckDBConnection connection, List<Row> rows, long[] seqs) throws SQLException {
    try (DuckDBAppender appender = open(connection)) {
      for (int r = 0; r < rows.size(); r++) {
        appendRow(appender, rows.get(r), seqs[r]);
      }
    }
  }

  private DuckDBAppender open(DuckDBConnection connection) throws SQLException {
    DuckDBAppender appender = catalog == null
        ? connection.createAppender(schema, table)
        : connection.createAppender(catalog, schema, table);
    appender.setWriteInlinedStrings(true);
    return appender;
  }

  private void appendRow(DuckDBAppender appender, Row row, long seq) throws SQLException {
    appender.beginRow();
    for (Slot slot : slots) {
      slot.append(appender, row, seq);
    }
    appender.endRow();
  }

  /** Makes sure the connection's transaction has started, so the Appender's rows belong to it (see class doc). */
  private static void joinTransaction(DuckDBConnection connection) throws SQLException {
    if (!connection.getAutoCommit()) {
      try (Statement s = connection.createStatement()) {
        s.execute("SELECT 1");
      }
    }
  }

  private static Slot slot(String name, DuckDbType type, List<Column> streamColumns, RunInfo run, String table) {
    switch (name) {
      case SystemColumns.SEQ:
        return (a, row, seq) -> a.append(seq);
      case SystemColumns.DELETED:
        return (a, row, seq) -> a.append(row.deleted());
      case SystemColumns.RUN_ID:
        long runId = run.runId();
        return (a, row, seq) -> a.append(runId);
      case SystemColumns.EXTRACTED_AT:
        long micros = epochMicros(run.extractedAt());
        return (a, row, seq) -> a.appendEpochMicros(micros);
      default:
        break;
    }
    for (int index = 0; index < streamColumns.size(); index++) {
      Column column = streamColumns.get(index);
      if (column.name().toLowerCase(Locale.ROOT).equals(name)) {
        return valueSlot(index, column, type, table);
      }
    }
    // A column the stream no longer sends: keep it, fill it with null.
    return (a, row, seq) -> a.appendNull();
  }

  private static Slot valueSlot(int index, Column column, DuckDbType type, String table) {
    ValueWriter writer = valueWriter(column, type, table);
    return (a, row, seq) -> {
      Object value = row.values()[index];
      if (value == null) {
        a.appendNull();
      } else {
        writer.write(a, value);
      }
    };
  }

  @FunctionalInterface
  private interface ValueWriter {
    void write(DuckDBAppender appender, Object value) throws SQLException;
  }

  private static ValueWriter valueWriter(Column column, DuckDbType type, String table) {
    return switch (type.base()) {
      case "VARCHAR", "JSON" -> (a, v) -> a.append(v.toString());
      case "BIGINT" -> (a, v) -> a.append(((Number) v).longValue());
      case "DOUBLE" -> (a, v) -> a.append(((Number) v).doubleValue());
      case "BOOLEAN" -> (a, v) -> a.append(((Boolean) v).booleanValue());
      case "DATE" -> (a, v) -> a.append((LocalDate) v);
      case "TIMESTAMPTZ" -> (a, v) -> a.appendEpochMicros(epochMicros(v));
      case "DECIMAL" -> decimalWriter(column, type);
      default -> throw TributaryException.config(
          "table " + table + " column '" + column.name() + "' has DuckDB type " + type.ddl()
              + ", which Tributary does not write",
          "drop or rename that column so Tributary can recreate it with a type it maps");
    };
  }

  private static ValueWriter decimalWriter(Column column, DuckDbType type) {
    int scale = type.scale();
    // A decimal of unknown precision is stored as DECIMAL(38,9); extra digits are rounded, as documented.
    boolean roundExcess = column.precision() <= 0;
    return (a, v) -> {
      BigDecimal d = v instanceof BigDecimal bd ? bd : new BigDecimal(v.toString());
      BigDecimal scaled;
      try {
        scaled = d.setScale(scale, RoundingMode.UNNECESSARY);
      } catch (ArithmeticException e) {
        if (!roundExcess) {
          throw TributaryException.record("column '" + column.name() + "' value " + d.toPlainString()
              + " has more than " + scale + " decimal places");
        }
        scaled = d.setScale(scale, RoundingMode.HALF_EVEN);
      }
      a.append(scaled);
    };
  }

  private static long epochMicros(Object value) {
    Instant t = value instanceof LocalDate date ? date.atStartOfDay(ZoneOffset.UTC).toInstant() : (Instant) value;
    return epochMicros(t);
  }

  private static long epochMicros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }
}
