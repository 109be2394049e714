package io.tributary.sink.duckdb;

import io.tributary.core.ChunkTransaction;
import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.Cursor;
import io.tributary.core.Row;
import io.tributary.core.RunInfo;
import io.tributary.core.StreamSchema;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.WriteMode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark, not a test: the DuckDB writer alone on the rows bench/run-all's CSV maps to (same 12 columns and
 * types), chunk 20,000, MERGE into an empty table, then a second MERGE over the same keys. Prints wall seconds, the
 * calling thread's CPU seconds and the whole process's CPU seconds (DuckDB's own threads included), so runs on a
 * shared machine can be compared by CPU. Args: rows [repeats]. {@code -Dbench.sql=...} runs one statement on the
 * database first (for example {@code SET checkpoint_threshold='1GB'}) to try a DuckDB setting.
 */
public final class DuckDbSinkPhaseBench {

  static final StreamSchema SCHEMA = new StreamSchema("t", List.of(
      Column.of("id", ColumnType.INTEGER), Column.of("name", ColumnType.STRING),
      Column.of("email", ColumnType.STRING), Column.of("city", ColumnType.STRING),
      Column.of("status", ColumnType.STRING), Column.decimal("amount", 18, 2), Column.decimal("balance", 18, 2),
      Column.of("score", ColumnType.DOUBLE), Column.of("active", ColumnType.BOOLEAN),
      Column.of("born", ColumnType.DATE), Column.of("updated_at", ColumnType.TIMESTAMP),
      Column.of("note", ColumnType.STRING)), List.of("id"));

  private DuckDbSinkPhaseBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<Row> rows = rows(n);
    Path dir = Files.createTempDirectory("duckphase");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int rep = 0; rep < repeats; rep++) {
      try (DuckDbSink sink = DuckDbSink.open(dir.resolve("p" + rep + ".duckdb"), "raw")) {
        sink.check();
        String setup = System.getProperty("bench.sql");
        if (setup != null) {
          try (var c = sink.dataSource().getConnection(); var st = c.createStatement()) {
            st.execute(setup);
          }
        }
        for (String pass : List.of("merge-empty", "merge-over")) {
          long wall = System.nanoTime();
          long thread = threads.getCurrentThreadCpuTime();
          long process = os.getProcessCpuTime();
          double commit = load(sink, rows, threads);
          double w = (System.nanoTime() - wall) / 1e9;
          double t = (threads.getCurrentThreadCpuTime() - thread) / 1e9;
          double p = (os.getProcessCpuTime() - process) / 1e9;
          System.out.printf("rep %d %-11s wall %6.2f s  %,9.0f rows/s  thread cpu %6.2f s (commits %5.2f s)"
              + "  process cpu %6.2f s%n", rep, pass, w, n / w, t, commit, p);
        }
      }
    }
  }

  /** Returns the calling thread's CPU seconds spent in commits. */
  private static double load(DuckDbSink sink, List<Row> rows, ThreadMXBean threads) {
    TableWriter writer = sink.open(new TableSpec("bench", "t", SCHEMA, WriteMode.MERGE,
        new RunInfo("bench", 1, 1, Instant.now())));
    int chunk = 20_000;
    long commitNanos = 0;
    for (int from = 0; from < rows.size(); from += chunk) {
      List<Row> part = rows.subList(from, Math.min(rows.size(), from + chunk));
      Cursor position = Cursor.of("record", Integer.toString(from + part.size()));
      ChunkTransaction tx = sink.beginChunk();
      writer.write(part, List.of(), position);
      long before = threads.getCurrentThreadCpuTime();
      tx.commit();
      commitNanos += threads.getCurrentThreadCpuTime() - before;
    }
    writer.finish();
    return commitNanos / 1e9;
  }

  /** The values bench/run-all's gen_csv writes, as the mapping delivers them. */
  static List<Row> rows(int n) {
    String[] city = {"Berlin", "Paris", "Lisboa", "Tokyo", "Oslo", "Lima"};
    String[] status = {"active", "trial", "paused", "churned"};
    List<Row> rows = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      rows.add(new Row(new Object[] {(long) i, "Customer " + i, "user" + i + "@example.com", city[i % 6],
          status[i % 4], BigDecimal.valueOf((i * 7919L) % 10_000_000, 2),
          BigDecimal.valueOf((i * 104729L) % 100_000_000 - 500_000, 2), (i % 1000) / 7.0, i % 3 == 0,
          LocalDate.of(1950 + i % 50, 1 + i % 12, 1 + i % 28),
          Instant.parse(String.format("2024-%02d-%02dT%02d:%02d:%02dZ", 1 + i % 12, 1 + i % 28, i % 24, i % 60,
              (i * 7) % 60)), "note " + i}, false));
    }
    return rows;
  }
}
