package io.tributary.reliability;

import static io.tributary.reliability.ConcurrentRunsIT.count;
import static io.tributary.reliability.ConcurrentRunsIT.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live run whose run-lock session is cut (a DBA's pg_terminate_backend, a dropped socket) while its process and
 * its other connections live on. It must take the lock again; if another process took it first, it must stop at its
 * next chunk, never keep writing beside that process, and a later run resumes it with no duplicates.
 */
@Tag("db")
@Tag("process")
class RunLockLossIT {

  private static final int ROWS = 4000;
  /** The runs check their lock every 2 s, not 10 s; their pages pause 0.25 s, so a run still spans two checks. */
  private static final String CHECK_INTERVAL = "2s";

  @TempDir
  Path dir;

  private String src;
  /** The advisory lock key every page query of the source takes shared ({@link #holdSource}). */
  private long gate;
  private String dst;
  private String repo;
  private Path job;

  @BeforeEach
  void setUp() throws Exception {
    src = TestPostgres.freshSchema("src");
    dst = TestPostgres.freshSchema("dst");
    repo = TestPostgres.freshSchema("repo");
    sql("CREATE TABLE " + src + ".events_base (id bigint PRIMARY KEY, name text, updated_at timestamptz NOT NULL)");
    sql("CREATE INDEX ON " + src + ".events_base (updated_at, id)");
    sql("INSERT INTO " + src + ".events_base SELECT g, 'Event ' || g, timestamptz '2024-01-01 00:00:00+00'"
        + " + g * interval '1 second' FROM generate_series(1, " + ROWS + ") g");
    gate = src.hashCode();
    // 20 pages: a run of about 5 s, two lock checks; every page query also waits while the test holds the gate, the
    // discovery query (WHERE 1=0, which PostgreSQL still runs the function for) does not
    sql("CREATE FUNCTION " + src + ".pause() RETURNS boolean LANGUAGE plpgsql STABLE AS $$ BEGIN"
        + " IF position('1=0' in current_query()) = 0 THEN PERFORM pg_sleep(0.25);"
        + " PERFORM pg_advisory_xact_lock_shared(" + gate + "); END IF; RETURN true; END $$");
    sql("CREATE VIEW " + src + ".events AS SELECT * FROM " + src + ".events_base WHERE " + src + ".pause()");
    Files.createDirectories(dir.resolve("jobs"));
    job = Files.writeString(dir.resolve("jobs").resolve("events.yml"), """
        source: { type: jdbc, url: "%s", user: %s, schema: %s }
        sink: { type: postgres, url: "%s", user: %s, schema: %s }
        chunk_size: 200
        streams:
          - { name: events, mode: append, primary_key: [id], cursor: updated_at, page_size: 200 }
        """.formatted(TestPostgres.url(), TestPostgres.user(), src, TestPostgres.url(), TestPostgres.user(), dst));
  }

  private Process start(String name, String... options) throws Exception {
    String url = TestPostgres.url() + (TestPostgres.url().contains("?") ? "&" : "?") + "currentSchema=" + repo;
    List<String> args = new java.util.ArrayList<>(List.of("run", job.toString()));
    args.addAll(List.of(options));
    return new TributaryProcess(dir.resolve(".tributary"), Map.of("TRIBUTARY_REPOSITORY_USER", TestPostgres.user(),
        "TRIBUTARY_RUN_LOCK_CHECK_INTERVAL", CHECK_INTERVAL), url, dir).start(dir.resolve(name + ".log"),
        args.toArray(String[]::new));
  }

  @Test
  void aRunWhoseLockSessionIsCutTakesTheLockAgainAndCompletes() throws Exception {
    Process run = start("run");
    long session = awaitLockSession(run);
    // the run's next page waits on this table lock, so it is still going however slowly status starts
    Connection hold = holdSource();
    // status, from another process during the run, names the holder
    String url = TestPostgres.url() + (TestPostgres.url().contains("?") ? "&" : "?") + "currentSchema=" + repo;
    Path statusLog = dir.resolve("status.log");
    int status = new TributaryProcess(dir.resolve("status-state"),
        Map.of("TRIBUTARY_REPOSITORY_USER", TestPostgres.user()), url, dir).run(statusLog, 120, "status", "events");
    assertThat(status).as(Files.readString(statusLog)).isZero();
    assertThat(Files.readString(statusLog)).contains("running now: on host "
        + java.net.InetAddress.getLocalHost().getHostName() + " (pid " + run.pid() + ")");
    assertThat(run.isAlive()).as("the run must still be going when its session is cut").isTrue();
    cut(session);
    hold.close();
    assertThat(run.waitFor(180, TimeUnit.SECONDS)).isTrue();
    String log = Files.readString(dir.resolve("run.log"));
    assertThat(run.exitValue()).as(log).isEqualTo(0);
    assertThat(Files.readString(dir.resolve(".tributary/logs/tributary.log"))).contains("taken again");
    assertTargetHoldsEachRowOnce();
  }

  @Test
  void aRunWhoseLockWasTakenByAnotherProcessStopsAndIsResumedWithoutDuplicates() throws Exception {
    Process run = start("run");
    long session = awaitLockSession(run);
    Connection hold = holdSource(); // the run cannot finish its pages before the lock is taken over
    try (Connection other = TestPostgres.connect();
        Statement s = other.createStatement()) {
      long key = lockKey(s, session);
      cut(session);
      assertThat(takeOver(s, key)).as("the cut session's lock is free for another process").isTrue();
      hold.close();
      assertThat(run.waitFor(180, TimeUnit.SECONDS)).isTrue();
    } // the other process's session ends: its lock is released
    String log = Files.readString(dir.resolve("run.log"));
    assertThat(run.exitValue()).as(log).isEqualTo(1);
    assertThat(log).contains("STOPPED").doesNotContain("OptimisticLockingFailureException");
    assertThat(count("SELECT count(*) FROM " + dst + ".events")).isLessThan(ROWS);

    Process resumed = start("resumed");
    assertThat(resumed.waitFor(180, TimeUnit.SECONDS)).isTrue();
    String resumedLog = Files.readString(dir.resolve("resumed.log"));
    assertThat(resumed.exitValue()).as(resumedLog).isEqualTo(0);
    assertThat(resumedLog).contains("resuming it");
    assertTargetHoldsEachRowOnce();
  }

  /**
   * The run lock was taken by another process (here this test's session) and the run's check noticed it ("stopping
   * this run") while the run still had pages to load: whatever Spring Batch's stop does with the rest, the run must
   * not end COMPLETED, neither in its exit code nor in the job repository; the next run resumes it without duplicates.
   */
  @Test
  void aRunThatNoticedItsLockWasTakenNeverEndsCompleted() throws Exception {
    Process run = start("run");
    long session = awaitLockSession(run);
    Connection hold = holdSource();
    try (Connection other = TestPostgres.connect();
        Statement s = other.createStatement()) {
      long key = lockKey(s, session);
      cut(session);
      assertThat(takeOver(s, key)).as("the cut session's lock is free for another process").isTrue();
      awaitLog(run, dir.resolve(".tributary/logs/tributary.log"), "stopping this run");
      hold.close(); // the run goes on loading its page only now, after it decided to stop
      assertThat(run.waitFor(180, TimeUnit.SECONDS)).isTrue();
    }
    String log = Files.readString(dir.resolve("run.log"));
    assertThat(run.exitValue()).as(log).isEqualTo(1);
    assertThat(log).contains("lost its run lock").contains("the next run resumes");
    assertThat(TestPostgres.strings("SELECT status FROM " + repo + ".batch_job_execution"))
        .as("the job repository's record of the run").singleElement().isNotEqualTo("COMPLETED");

    Process resumed = start("resumed");
    assertThat(resumed.waitFor(180, TimeUnit.SECONDS)).isTrue();
    String resumedLog = Files.readString(dir.resolve("resumed.log"));
    assertThat(resumed.exitValue()).as(resumedLog).isEqualTo(0);
    assertTargetHoldsEachRowOnce();
  }

  /**
   * The lock check tells the run its lock is lost after the run's last check before the job (so it does not refuse to
   * start) and before the job execution exists (so there is nothing to stop yet): the run then loads every row, and
   * must still not say COMPLETED, in its exit code or in the job repository (it did, exit 0, before). The loss is
   * injected at that moment by the test command line ({@code --lose-run-lock job-start}); the lock is really released.
   */
  @Test
  void aRunWhoseLockIsLostAsItsJobStartsNeverEndsCompleted() throws Exception {
    Process run = start("run", "--lose-run-lock", "job-start");
    assertThat(run.waitFor(180, TimeUnit.SECONDS)).isTrue();
    String log = Files.readString(dir.resolve("run.log"));
    assertThat(run.exitValue()).as(log).isEqualTo(1);
    assertThat(log).contains("lost its run lock").contains("the next run resumes").doesNotContain("COMPLETED");
    assertThat(TestPostgres.strings("SELECT status FROM " + repo + ".batch_job_execution"))
        .as("the job repository's record of the run").containsExactly("STOPPED");

    Process resumed = start("resumed");
    assertThat(resumed.waitFor(180, TimeUnit.SECONDS)).isTrue();
    String resumedLog = Files.readString(dir.resolve("resumed.log"));
    assertThat(resumed.exitValue()).as(resumedLog).isEqualTo(0);
    assertThat(resumedLog).contains("resuming it");
    assertTargetHoldsEachRowOnce();
  }

  /**
   * Two real runs of one append stream at once: the first one's lock session is cut and a second run takes the lock
   * (declaring the first one's execution dead) and claims the stream, while the first one, which has not noticed yet,
   * still has a chunk in flight. That chunk must be refused by the warehouse (rolled back, nothing added), the first
   * run must exit 1 and never be COMPLETED, and the second must load the rest: exactly the source rows, once each.
   */
  @Test
  void aStaleRunStillWritingBesideTheRunThatTookOverAddsNoRow() throws Exception {
    Process stale = start("stale");
    long session = awaitLockSession(stale);
    awaitRows(stale, 400); // two chunks committed: the state row exists, the run is mid-stream
    Connection hold = holdSource(); // its next page waits: a chunk in flight
    String staleWriter = TestPostgres.strings("SELECT writer FROM " + dst + "._tributary_state").get(0);
    cut(session);
    Process takeover = keepLockFrom(stale, () -> start("takeover"));
    // the takeover run has claimed the stream's state row: from now on the stale run's chunks must be refused
    awaitWriterOtherThan(takeover, staleWriter);
    hold.close();
    assertThat(stale.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(takeover.waitFor(180, TimeUnit.SECONDS)).isTrue();
    String staleLog = Files.readString(dir.resolve("stale.log"));
    String takeoverLog = Files.readString(dir.resolve("takeover.log"));
    assertThat(takeover.exitValue()).as(takeoverLog).isZero();
    assertThat(takeoverLog).contains("resuming it");
    assertThat(stale.exitValue()).as(staleLog).isEqualTo(1);
    assertThat(staleLog).contains("the next run resumes").doesNotContain("COMPLETED");
    assertThat(TestPostgres.strings("SELECT status FROM " + repo + ".batch_job_execution ORDER BY job_execution_id"))
        .as("the stale run's execution, then the takeover's").hasSize(2).first().isNotEqualTo("COMPLETED");
    assertThat(TestPostgres.strings("SELECT status FROM " + repo + ".batch_job_execution ORDER BY job_execution_id"))
        .last().isEqualTo("COMPLETED");
    assertTargetHoldsEachRowOnce();
  }

  /** Waits until the run has committed at least {@code rows} rows into the target. */
  private void awaitRows(Process run, long rows) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && run.isAlive()) {
      try {
        if (count("SELECT count(*) FROM " + dst + ".events") >= rows) {
          return;
        }
      } catch (java.sql.SQLException notYetCreated) {
        // the run has not created the table yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the run never committed " + rows + " rows");
  }

  /** Waits until {@code log} contains {@code text}, while {@code run} lives. */
  private static void awaitLog(Process run, Path log, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && run.isAlive()) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("'" + text + "' never appeared in " + log);
  }

  /**
   * Starts the second run and, until it holds the run lock, ends every lock session {@code from} takes again (its
   * check would otherwise retake the lock on a loaded machine before the second JVM is up): the second run then gets
   * it, as a run started within the first one's check interval would. A second run that still found the lock taken
   * (the first one retook it between two looks here) exits 3, "this run did nothing", and is started again.
   */
  private Process keepLockFrom(Process from, java.util.concurrent.Callable<Process> second) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    Process to = second.call();
    for (int starts = 1; System.nanoTime() < deadline; ) {
      List<String> row = TestPostgres.strings("SELECT pid || ' ' || session_id FROM " + repo + ".tributary_run_lock");
      if (!row.isEmpty()) {
        String[] pidSession = row.get(0).split(" ");
        if (Long.parseLong(pidSession[0]) == to.pid()) {
          return to;
        }
        if (Long.parseLong(pidSession[0]) == from.pid()) {
          TestPostgres.strings("SELECT pg_terminate_backend(" + pidSession[1] + ", 30000)");
        }
      }
      if (!to.isAlive()) {
        String log = Files.readString(dir.resolve("takeover.log"));
        if (to.exitValue() != 3 || starts == 5) {
          throw new IllegalStateException("the second run never took the lock (exit " + to.exitValue() + "): " + log);
        }
        to = second.call();
        starts++;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the second run never took the lock: " + Files.readString(dir.resolve(
        "takeover.log")));
  }

  /** Waits until a writer other than {@code writer} has claimed the stream's state row. */
  private void awaitWriterOtherThan(Process run, String writer) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && run.isAlive()) {
      if (!TestPostgres.strings("SELECT writer FROM " + dst + "._tributary_state").get(0).equals(writer)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the second run never claimed the stream: " + Files.readString(dir.resolve(
        "takeover.log")));
  }

  /**
   * Holds the source's gate (an advisory lock every page query takes shared, after its pause) until the returned
   * connection is closed: the run's current page query finishes, its next one waits, while schema queries (a second
   * run's discovery) still go through. Takes timing out of "the run is still going".
   */
  private Connection holdSource() throws Exception {
    Connection c = TestPostgres.connect();
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_lock(" + gate + ")");
    }
    return c;
  }

  /** The PostgreSQL backend pid of the run's lock session, once it has recorded itself. */
  private long awaitLockSession(Process run) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && run.isAlive()) {
      try {
        List<String> rows = TestPostgres.strings("SELECT session_id FROM " + repo + ".tributary_run_lock");
        if (!rows.isEmpty()) {
          return Long.parseLong(rows.get(0));
        }
      } catch (java.sql.SQLException notYetCreated) {
        // the run has not created the repository tables yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the run never recorded its lock: " + Files.readString(dir.resolve("run.log")));
  }

  private static long lockKey(Statement s, long session) throws Exception {
    try (ResultSet rs = s.executeQuery("SELECT (classid::bigint << 32) | objid::bigint FROM pg_locks"
        + " WHERE locktype = 'advisory' AND objsubid = 1 AND pid = " + session)) {
      assertThat(rs.next()).as("session " + session + " holds an advisory lock").isTrue();
      return rs.getLong(1);
    }
  }

  /**
   * Takes the advisory lock from this connection once the cut session has gone. pg_terminate_backend only signals the
   * backend, so the lock may still be held for a moment; and on a loaded machine the run's 2-second check may take
   * the lock again first, in which case that new lock session is cut as well, so another process ends up holding it.
   */
  private static boolean takeOver(Statement s, long key) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try (ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + key + ")")) {
        rs.next();
        if (rs.getBoolean(1)) {
          return true;
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1"
          + " AND granted AND ((classid::bigint << 32) | objid::bigint) = " + key)) {
        if (rs.next()) {
          long holder = rs.getLong(1);
          try (Statement t = s.getConnection().createStatement()) {
            t.execute("SELECT pg_terminate_backend(" + holder + ")");
          }
        }
      }
      Thread.sleep(50);
    }
    return false;
  }

  private static void cut(long session) throws Exception {
    // With a timeout PostgreSQL waits until the backend has exited, so its advisory locks are released on return
    // (without one it only signals it, and a loaded machine let the test look before the lock was free).
    assertThat(TestPostgres.strings("SELECT pg_terminate_backend(" + session + ", 30000)")).containsExactly("t");
  }

  private void assertTargetHoldsEachRowOnce() throws Exception {
    assertThat(count("SELECT count(*) FROM " + dst + ".events")).isEqualTo(ROWS);
    assertThat(count("SELECT count(DISTINCT id) FROM " + dst + ".events")).isEqualTo(ROWS);
  }
}
