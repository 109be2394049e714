package io.tributary.sink.duckdb;

import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.Cursor;
import io.tributary.core.Row;
import io.tributary.core.RunInfo;
import io.tributary.core.StreamSchema;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.WriteMode;
import java.io.BufferedWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Micro benchmark, not a test: loads N rows of 12 columns in chunks through the real writer (APPEND and MERGE) and
 * compares with DuckDB's own {@code COPY FROM} of the same rows as CSV. Run:
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) io.tributary.sink.duckdb.DuckDbSinkBenchmark [rows]}.
 */
public final class DuckDbSinkBenchmark {

  private static final StreamSchema SCHEMA = new StreamSchema("bench", List.of(
      Column.of("id", ColumnType.INTEGER), Column.of("name", ColumnType.STRING),
      Column.of("email", ColumnType.STRING), Column.decimal("amount", 18, 2), Column.of("score", ColumnType.DOUBLE),
      Column.of("active", ColumnType.BOOLEAN), Column.of("born", ColumnType.DATE),
      Column.of("updated", ColumnType.TIMESTAMP), Column.of("city", ColumnType.STRING),
      Column.of("qty", ColumnType.INTEGER), Column.of("note", ColumnType.STRING), Column.of("ratio", ColumnType.DOUBLE)),
      List.of("id"));

  private DuckDbSinkBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int chunk = 10_000;
    List<Row> rows = rows(n);
    Path dir = Files.createTempDirectory("duckbench");
    Path csv = dir.resolve("rows.csv");
    writeCsv(rows, csv);
    for (int rep = 0; rep < 3; rep++) {
      try (DuckDbSink sink = DuckDbSink.open(dir.resolve("bench" + rep + ".duckdb"), "raw")) {
        double copy = copyFrom(sink, csv, n);
        double append = load(sink, WriteMode.APPEND, "a", rows, chunk);
        double merge = load(sink, WriteMode.MERGE, "m", rows, chunk);
        System.out.printf("rep %d: COPY FROM csv %,.0f rows/s | writer APPEND %,.0f rows/s (%.2fx) |"
            + " writer MERGE %,.0f rows/s (%.2fx)%n", rep, copy, append, append / copy, merge, merge / copy);
      }
    }
  }

  private static double load(DuckDbSink sink, WriteMode mode, String table, List<Row> rows, int chunk) {
    TableWriter writer = sink.open(new TableSpec("bench", table, SCHEMA, mode,
        new RunInfo("bench", 1, 1, Instant.now())));
    long start = System.nanoTime();
    for (int from = 0; from < rows.size(); from += chunk) {
      List<Row> part = rows.subList(from, Math.min(rows.size(), from + chunk));
      Cursor position = Cursor.of("id", Integer.toString(from + part.size()));
      sink.inChunk(() -> writer.write(part, List.of(), position));
    }
    return rows.size() / ((System.nanoTime() - start) / 1e9);
  }

  private static double copyFrom(DuckDbSink sink, Path csv, int n) throws Exception {
    try (Connection c = sink.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS raw");
      s.execute("CREATE TABLE raw.copy_ref (id BIGINT, name VARCHAR, email VARCHAR, amount DECIMAL(18,2),"
          + " score DOUBLE, active BOOLEAN, born DATE, updated TIMESTAMPTZ, city VARCHAR, qty BIGINT, note VARCHAR,"
          + " ratio DOUBLE)");
      long start = System.nanoTime();
      s.execute("COPY raw.copy_ref FROM '" + csv + "' (FORMAT csv, HEADER false, NULLSTR '')");
      return n / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static List<Row> rows(int n) {
    Instant t0 = Instant.parse("2024-01-01T00:00:00.123456Z");
    LocalDate d0 = LocalDate.of(1990, 1, 1);
    List<Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(new Row(new Object[] {(long) i, "name " + i, "user" + i + "@example.com",
          BigDecimal.valueOf(i * 7L, 2), i * 0.5d, i % 2 == 0, d0.plusDays(i % 10_000), t0.plusSeconds(i),
          "city" + (i % 100), (long) (i % 1000), i % 3 == 0 ? null : "a note that is a bit longer", i / 3.0}, false));
    }
    return rows;
  }

  private static void writeCsv(List<Row> rows, Path csv) throws Exception {
    try (Writer w = new BufferedWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8), 1 << 16)) {
      for (Row row : rows) {
        Object[] v = row.values();
        for (int j = 0; j < v.length; j++) {
          if (j > 0) {
            w.write(',');
          }
          if (v[j] instanceof String s) {
            w.write('"' + s.replace("\"", "\"\"") + '"');
          } else if (v[j] instanceof BigDecimal d) {
            w.write(d.toPlainString());
          } else if (v[j] != null) {
            w.write(v[j].toString());
          }
        }
        w.write('\n');
      }
    }
  }
}
