package io.tributary.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code ./tributary run}s of the same job, as two hosts would start them: two JVMs, two working directories
 * (so nothing on the file system is shared), one PostgreSQL job repository, started together. Exactly one loads;
 * the other exits 3 (busy) naming the holder; the target has no duplicates. The stream appends, so a second load
 * would show as duplicate rows. The environment variable {@code TRIBUTARY_CONCURRENT_TRIALS} sets how many times (bench/concurrent-runs: 20).
 */
@Tag("db")
@Tag("process")
class ConcurrentRunsIT {

  private static final int ROWS = 4000;

  @TempDir
  Path dir;

  private String src;

  @BeforeEach
  void setUp() throws SQLException {
    src = TestPostgres.freshSchema("src");
    sql("CREATE TABLE " + src + ".events_base (id bigint PRIMARY KEY, name text, updated_at timestamptz NOT NULL)");
    sql("CREATE INDEX ON " + src + ".events_base (updated_at, id)");
    sql("INSERT INTO " + src + ".events_base SELECT g, 'Event ' || g, timestamptz '2024-01-01 00:00:00+00'"
        + " + g * interval '1 second' FROM generate_series(1, " + ROWS + ") g");
    slowView(src, 0.4);
  }

  @Test
  void twoRunsOfOneJobFromTwoWorkingDirectoriesStartedTogetherLoadOnceAndTheOtherIsBusy() throws Exception {
    int trials = Integer.parseInt(System.getenv().getOrDefault("TRIBUTARY_CONCURRENT_TRIALS", "2"));
    List<String> problems = new ArrayList<>();
    int oneLoadedOneBusy = 0;
    long duplicates = 0;
    for (int i = 1; i <= trials; i++) {
      Trial t = trial(i);
      duplicates += t.duplicates;
      boolean ok = t.problem == null;
      oneLoadedOneBusy += ok ? 1 : 0;
      if (!ok) {
        problems.add("trial " + i + ": " + t.problem);
      }
      System.out.printf("[concurrent-runs] trial %d: exits %s, rows %d, duplicates %d%s%n", i, t.exits, t.rows,
          t.duplicates, ok ? "" : " PROBLEM " + t.problem);
      if (i == 1) {
        System.out.println("[concurrent-runs] the busy run said: " + t.refusal);
      }
    }
    System.out.printf("[concurrent-runs] tally: %d trials, one loaded + one busy: %d, duplicates: %d, problems: %d%n",
        trials, oneLoadedOneBusy, duplicates, problems.size());
    assertThat(problems).isEmpty();
    assertThat(duplicates).isZero();
  }

  private record Trial(List<Integer> exits, long rows, long duplicates, String problem, String refusal) {}

  private Trial trial(int n) throws Exception {
    String dst = TestPostgres.freshSchema("dst");
    String repo = TestPostgres.freshSchema("repo");
    String url = TestPostgres.url() + (TestPostgres.url().contains("?") ? "&" : "?") + "currentSchema=" + repo;
    String yaml = """
        source: { type: jdbc, url: "%s", user: %s, schema: %s }
        sink: { type: postgres, url: "%s", user: %s, schema: %s }
        chunk_size: 200
        streams:
          - { name: events, mode: append, primary_key: [id], cursor: updated_at, page_size: 200 }
        """.formatted(TestPostgres.url(), TestPostgres.user(), src, TestPostgres.url(), TestPostgres.user(), dst);
    Process[] processes = new Process[2];
    Path[] logs = new Path[2];
    for (int h = 0; h < 2; h++) {
      Path host = dir.resolve("trial" + n).resolve("host" + h);
      Files.createDirectories(host.resolve("jobs"));
      Path job = Files.writeString(host.resolve("jobs").resolve("events.yml"), yaml);
      logs[h] = host.resolve("run.log");
      processes[h] = new TributaryProcess(host.resolve(".tributary"),
          Map.of("TRIBUTARY_REPOSITORY_USER", TestPostgres.user()), url, host)
          .start(logs[h], "run", job.toString());
    }
    List<Integer> exits = new ArrayList<>();
    for (Process p : processes) {
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
      exits.add(p.exitValue());
    }
    long rows = count("SELECT count(*) FROM " + dst + ".events");
    long duplicates = rows - count("SELECT count(DISTINCT id) FROM " + dst + ".events");
    int busy = exits.indexOf(3);
    String refusal = busy < 0 ? "-" : Files.readAllLines(logs[busy]).stream().filter(l -> l.startsWith("error:"))
        .findFirst().orElse("-");
    return new Trial(exits, rows, duplicates, problem(exits, processes, logs, rows, duplicates), refusal);
  }

  /** Null when exactly one loaded every row and the other was refused as busy, naming the first as the holder. */
  private static String problem(List<Integer> exits, Process[] processes, Path[] logs, long rows, long duplicates)
      throws Exception {
    int loaded = exits.indexOf(0);
    int busy = exits.indexOf(3);
    if (loaded < 0 || busy < 0) {
      return "exit codes " + exits + "; logs: " + Files.readString(logs[0]) + "\n---\n" + Files.readString(logs[1]);
    }
    String refusal = Files.readString(logs[busy]);
    String holder = "is running on host " + java.net.InetAddress.getLocalHost().getHostName() + " (pid "
        + processes[loaded].pid() + ")";
    if (!refusal.contains(holder)) {
      return "the busy run does not say '" + holder + "': " + refusal;
    }
    if (rows != ROWS || duplicates != 0) {
      return "target has " + rows + " rows, " + duplicates + " duplicates; expected " + ROWS + ", 0";
    }
    return null;
  }

  /**
   * {@code <schema>.events}: {@code events_base} behind a view whose page queries take {@code seconds} each, so a
   * run of 20 pages outlasts the JVMs' start-up skew. The pause is STABLE and takes no column, so PostgreSQL runs it
   * once per query (a one-time filter), and the index still serves the keyset pages.
   */
  static void slowView(String schema, double seconds) throws SQLException {
    sql("CREATE FUNCTION " + schema + ".pause() RETURNS boolean LANGUAGE plpgsql STABLE AS"
        + " $$ BEGIN PERFORM pg_sleep(" + seconds + "); RETURN true; END $$");
    sql("CREATE VIEW " + schema + ".events AS SELECT * FROM " + schema + ".events_base WHERE " + schema + ".pause()");
  }

  static long count(String query) throws SQLException {
    return Long.parseLong(TestPostgres.strings(query).get(0));
  }

  static void sql(String statement) throws SQLException {
    try (Connection c = TestPostgres.connect();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
