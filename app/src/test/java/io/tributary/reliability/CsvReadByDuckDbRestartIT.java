package io.tributary.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files DuckDB reads itself (issue 17) load exactly once across failures: a failure injected inside the second
 * file's transaction (after its rows were staged and merged), and SIGKILLs of a real {@code tributary run} JVM at
 * seeded random moments, each followed by reruns until exit 0. The expected table is computed here from the generated
 * records: every id once, with its own quantity; every bad record once in the quarantine.
 */
@Tag("process")
class CsvReadByDuckDbRestartIT {

  private static final int FILES = 4;
  private static final int PER_FILE = 40_000;
  /** Every 997th record has a quantity the mapping refuses. */
  private static final int BAD_EVERY = 997;

  @TempDir
  Path dir;

  @Test
  void aFailureInsideAFilesTransactionLeavesNoneOfItsRowsAndTheRerunLoadsEachFileOnce() throws Exception {
    Path job = setUp(dir.resolve("injected"));
    Cli cli = new Cli(dir.resolve("injected/state"));
    Cli.Result failed = cli.run("run", job.toString(), "--fail-after-chunks", "1");
    assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
    assertThat(count(job, "SELECT count(*) FROM raw.t")).as("only the first file committed")
        .isEqualTo(PER_FILE - bad(0));
    Cli.Result rerun = cli.run("run", job.toString());
    assertThat(rerun.exitCode()).as(rerun.output()).isZero();
    assertExactlyTheFiles(job);
  }

  @Test
  void killedRunsResumeToExactlyTheFilesRows() throws Exception {
    Random random = new Random(17);
    int midLoad = 0;
    for (int trial = 0; trial < 3; trial++) {
      Path home = dir.resolve("kill-" + trial);
      Path job = setUp(home);
      Path state = home.resolve("state");
      Path log = home.resolve("killed.log");
      Process p = new TributaryProcess(state, Map.of()).start(log, "run", job.toString());
      // the job has started once its name is printed; then the files load one transaction each
      long deadline = System.currentTimeMillis() + 300_000;
      while (p.isAlive() && System.currentTimeMillis() < deadline
          && !(Files.exists(log) && Files.readString(log).contains("Running job"))) {
        Thread.sleep(100);
      }
      Thread.sleep(random.nextInt(6_000));
      p.destroyForcibly().waitFor();
      long committed = Files.exists(home.resolve("w.duckdb")) ? countOrZero(job) : 0;
      midLoad += committed > 0 && committed < (long) FILES * PER_FILE ? 1 : 0;
      int exit = -1;
      for (int attempt = 0; attempt < 3 && exit != 0; attempt++) {
        exit = new Cli(state).run("run", job.toString()).exitCode();
      }
      assertThat(exit).as("trial " + trial).isZero();
      assertExactlyTheFiles(job);
    }
    assertThat(midLoad).as("trials killed after some files and before the last (a kill before or after proves less)")
        .isGreaterThanOrEqualTo(1);
  }

  private static long countOrZero(Path job) {
    try {
      return count(job, "SELECT count(*) FROM raw.t");
    } catch (Exception noTableYet) {
      return 0;
    }
  }

  private Path setUp(Path home) throws Exception {
    Path drop = Files.createDirectories(home.resolve("drop"));
    for (int f = 0; f < FILES; f++) {
      StringBuilder csv = new StringBuilder("id,qty,at\n");
      for (int r = 0; r < PER_FILE; r++) {
        int id = f * PER_FILE + r;
        csv.append(id).append(',').append(id % BAD_EVERY == 0 ? "x" + id : Integer.toString(id * 3)).append(',')
            .append("2024-01-01T00:00:00Z").append('\n');
      }
      Path file = drop.resolve("t_" + f + ".csv");
      Files.writeString(file, csv);
      Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000L * (f + 1)));
    }
    return Files.writeString(home.resolve("t.yml"), """
        source: { type: file, dir: "%s" }
        sink: { type: duckdb, path: "%s", schema: raw }
        streams:
          - name: t
            primary_key: [id]
            options: { pattern: "t_*.csv" }
            fields:
              - { name: id, type: integer }
              - { name: qty, type: integer }
              - { name: at, type: timestamp }
        """.formatted(drop.toAbsolutePath(), home.resolve("w.duckdb").toAbsolutePath()));
  }

  /** Bad records of file {@code f}: ids in it divisible by {@link #BAD_EVERY}. */
  private static long bad(int f) {
    long n = 0;
    for (int id = f * PER_FILE; id < (f + 1) * PER_FILE; id++) {
      n += id % BAD_EVERY == 0 ? 1 : 0;
    }
    return n;
  }

  private static void assertExactlyTheFiles(Path job) throws Exception {
    long bad = 0;
    long sum = 0;
    for (int f = 0; f < FILES; f++) {
      bad += bad(f);
    }
    for (long id = 0; id < (long) FILES * PER_FILE; id++) {
      sum += id % BAD_EVERY == 0 ? 0 : id * 3;
    }
    long rows = (long) FILES * PER_FILE - bad;
    assertThat(List.of(count(job, "SELECT count(*) FROM raw.t"), count(job, "SELECT count(DISTINCT id) FROM raw.t"),
        count(job, "SELECT count(*) FROM raw.t WHERE qty = id * 3"), count(job, "SELECT sum(qty) FROM raw.t"),
        count(job, "SELECT count(*) FROM raw._tributary_quarantine"),
        count(job, "SELECT count(DISTINCT source_key) FROM raw._tributary_quarantine")))
        .containsExactly(rows, rows, rows, sum, bad, bad);
  }

  private static long count(Path job, String query) throws Exception {
    Path warehouse = job.resolveSibling("w.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse.toAbsolutePath());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
