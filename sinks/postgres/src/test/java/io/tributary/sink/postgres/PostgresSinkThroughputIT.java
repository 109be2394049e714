package io.tributary.sink.postgres;

import static io.tributary.sink.postgres.PostgresSinkTestSupport.run;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.Cursor;
import io.tributary.core.Row;
import io.tributary.core.StreamSchema;
import io.tributary.core.TableWriter;
import io.tributary.core.WriteMode;
import io.tributary.testsupport.TestPostgres;
import java.io.BufferedWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.Driver;

/**
 * Opt-in benchmark ({@code -Dtributary.bench=true}, needs {@code psql} on the PATH): the sink's chunked binary COPY
 * against {@code psql \copy} of the same rows as CSV, measured in one run because absolute numbers drift on shared
 * machines. Prints rows/s and asserts the ratio the engine's end-to-end benchmark expects.
 */
@EnabledIfSystemProperty(named = "tributary.bench", matches = "true")
@Tag("db")
@Tag("process")
class PostgresSinkThroughputIT {

  private static final int ROWS = Integer.getInteger("tributary.bench.rows", 500_000);
  private static final int CHUNK = 10_000;
  private static final StreamSchema WIDE = new StreamSchema("bench", List.of(
      Column.of("id", ColumnType.INTEGER), Column.of("name", ColumnType.STRING), Column.of("email", ColumnType.STRING),
      Column.of("city", ColumnType.STRING), Column.of("status", ColumnType.STRING), Column.decimal("amount", 12, 2),
      Column.decimal("balance", 14, 2), Column.of("score", ColumnType.DOUBLE), Column.of("active", ColumnType.BOOLEAN),
      Column.of("born", ColumnType.DATE), Column.of("updated_at", ColumnType.TIMESTAMP),
      Column.of("owner_id", ColumnType.INTEGER)), List.of("id"));

  @TempDir
  Path dir;

  @Test
  void chunkedBinaryCopyKeepsUpWithPsqlCopy() throws Exception {
    String schema = TestPostgres.freshSchema("pgbench");
    double psql = psqlCopy(schema);
    double append = sinkLoad(schema, "bench_append", WriteMode.APPEND);
    double merge = sinkLoad(schema, "bench_merge", WriteMode.MERGE);
    System.out.printf("[bench] %d rows: psql \\copy %.0f rows/s, append %.0f rows/s (%.2fx), merge into empty"
        + " table %.0f rows/s (%.2fx)%n", ROWS, psql, append, append / psql, merge, merge / psql);
    assertThat(append / psql).isGreaterThan(0.9);
  }

  private double sinkLoad(String schema, String table, WriteMode mode) {
    try (PostgresSink sink = PostgresSinkTestSupport.sink(schema)) {
      TableWriter w = sink.open(new io.tributary.core.TableSpec("bench", table, WIDE, mode, run(1, 1, Instant.now())));
      long start = System.nanoTime();
      for (int from = 0; from < ROWS; from += CHUNK) {
        List<Row> chunk = new ArrayList<>(CHUNK);
        for (int i = from; i < Math.min(ROWS, from + CHUNK); i++) {
          chunk.add(new Row(values(i), false));
        }
        Cursor pos = Cursor.of("id", String.valueOf(from));
        sink.inChunk(() -> w.write(chunk, List.of(), pos));
      }
      return ROWS / ((System.nanoTime() - start) / 1e9);
    }
  }

  private double psqlCopy(String schema) throws Exception {
    Path csv = dir.resolve("bench.csv");
    try (BufferedWriter out = Files.newBufferedWriter(csv)) {
      for (int i = 0; i < ROWS; i++) {
        Object[] v = values(i);
        for (int c = 0; c < v.length; c++) {
          out.write(c == 0 ? "" : ",");
          out.write(String.valueOf(v[c]));
        }
        out.write(",2024-05-01T00:00:00Z,1,false\n");
      }
    }
    try (PostgresSink sink = PostgresSinkTestSupport.sink(schema)) {
      sink.open(new io.tributary.core.TableSpec("bench", "bench_psql", WIDE, WriteMode.APPEND,
          run(1, 1, Instant.now())));
    }
    Properties p = Driver.parseURL(TestPostgres.url(), null);
    long start = System.nanoTime();
    Process psql = new ProcessBuilder("psql", "-h", p.getProperty("PGHOST"), "-p", p.getProperty("PGPORT"), "-U",
        TestPostgres.user(), "-d", p.getProperty("PGDBNAME"), "-v", "ON_ERROR_STOP=1", "-c",
        "\\copy " + schema + ".bench_psql from '" + csv + "' csv").inheritIO().start();
    assertThat(psql.waitFor()).isZero();
    return ROWS / ((System.nanoTime() - start) / 1e9);
  }

  private static Object[] values(int i) {
    return new Object[] {(long) i, "name " + i, "user" + i + "@example.com", "City " + (i % 500),
        i % 3 == 0 ? "open" : "closed", BigDecimal.valueOf(i % 100_000, 2), BigDecimal.valueOf(i * 37L, 2),
        i / 7.0, i % 2 == 0, LocalDate.ofEpochDay(10_000 + i % 5000), Instant.ofEpochSecond(1_700_000_000L + i, 123_000),
        (long) (i % 1000)};
  }
}
