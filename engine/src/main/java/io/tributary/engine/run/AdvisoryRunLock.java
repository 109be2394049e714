package io.tributary.engine.run;

import io.tributary.core.TributaryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's run lock in a PostgreSQL job repository: a session-level advisory lock on a connection of its own, held
 * for the whole run. PostgreSQL releases it when that session ends, so the lease ends exactly when the holder can no
 * longer act: at once when its process dies (the socket closes), within about a minute when its host is lost (the
 * server's TCP keepalives on this session). No clock, no renewal: a slow or paused holder keeps its lock. A holder
 * whose session is cut while it lives takes the lock again, or stops its run if another run got it first.
 */
final class AdvisoryRunLock implements RunLock {

  private static final Logger LOG = LoggerFactory.getLogger(AdvisoryRunLock.class);
  /** How long a refused run waits for the holder to record itself (it does so right after taking the lock). */
  private static final Duration HOLDER_WAIT = Duration.ofSeconds(5);

  /** Opens a new connection to the job repository, outside the pool. */
  @FunctionalInterface
  interface Sessions {
    Connection open() throws SQLException;
  }

  private final Sessions sessions;
  private final long key;
  /** How often the holder checks that its lock session is alive and still holds the lock. */
  private final Duration checkInterval;
  private volatile Connection session;
  private volatile RunLockHolder holder;
  private ScheduledExecutorService watch;
  private boolean closed;

  private AdvisoryRunLock(Sessions sessions, Connection session, long key, Duration checkInterval,
      RunLockHolder holder) {
    this.sessions = sessions;
    this.session = session;
    this.key = key;
    this.checkInterval = checkInterval;
    this.holder = holder;
  }

  /**
   * Takes the lock of {@code job} on a new session, or throws BUSY naming the holder; the holder checks its lock every
   * {@code checkInterval}.
   */
  static RunLock acquire(Sessions sessions, String job, Duration checkInterval)
      throws SQLException, InterruptedException {
    Connection session = sessions.open();
    try {
      configure(session);
      long key = AdvisoryLocks.key("tributary-run", RepositorySchema.currentSchema(session), job);
      long deadline = System.nanoTime() + HOLDER_WAIT.toNanos();
      while (true) {
        if (tryLock(session, key)) {
          RunLockHolder holder = RunLockHolder.thisProcess(job, String.valueOf(backendPid(session)));
          holder.record(session);
          return new AdvisoryRunLock(sessions, session, key, checkInterval, holder);
        }
        RunLockHolder recorded = RunLockHolder.read(session, job);
        Long lockSession = lockSession(session, key);
        if (recorded != null && lockSession != null && recorded.session().equals(lockSession.toString())) {
          throw busy(job, recorded.describe());
        }
        if (System.nanoTime() > deadline) {
          throw busy(job, "job '" + job + "' is running in another process (PostgreSQL session " + lockSession
              + " holds its lock but has not recorded its host yet)");
        }
        Thread.sleep(100);
      }
    } catch (SQLException | InterruptedException | RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /**
   * Checks every check interval (10 s by default) that the lock session is alive and holds the lock. If the session
   * was lost (a network cut, a DBA ending it) the lock is taken again on a new one at once; if another run took it
   * meanwhile, {@code onLost} runs (the engine stops this run at its next chunk) so two runs never write together.
   */
  @Override
  public synchronized void watch(Runnable onLost) {
    if (watch != null) {
      return;
    }
    watch = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tributary-run-lock-watch");
      t.setDaemon(true);
      return t;
    });
    watch.scheduleWithFixedDelay(() -> check(onLost), checkInterval.toMillis(), checkInterval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private synchronized void check(Runnable onLost) {
    if (closed || stillHeld()) {
      return;
    }
    LOG.warn("the run lock session of job {} was lost; taking the lock again", holder.job());
    try {
      Connection again = sessions.open();
      configure(again);
      if (tryLock(again, key)) {
        Connection lost = session;
        holder = RunLockHolder.thisProcess(holder.job(), String.valueOf(backendPid(again)));
        holder.record(again);
        session = again;
        closeQuietly(lost);
        LOG.warn("run lock of job {} taken again (session {})", holder.job(), holder.session());
        return;
      }
      closeQuietly(again);
    } catch (SQLException | RuntimeException e) {
      LOG.error("cannot take the run lock of job {} again", holder.job(), e);
    }
    LOG.error("the run lock of job {} is lost and another process may hold it: stopping this run", holder.job());
    watch.shutdown();
    onLost.run();
  }

  private boolean stillHeld() {
    try (PreparedStatement s = session.prepareStatement("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
        + " AND granted AND pid = pg_backend_pid() AND objsubid = 1"
        + " AND (classid::bigint << 32) | objid::bigint = ?")) {
      s.setQueryTimeout(5);
      s.setLong(1, key);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && rs.getLong(1) == 1;
      }
    } catch (SQLException e) {
      LOG.warn("checking the run lock session of job {} failed", holder.job(), e);
      return false;
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      LOG.debug("closing a lost run lock session failed", e);
    }
  }

  /** The recorded holder of {@code job} if its session still holds the lock (a killed holder's row is stale). */
  static RunLockHolder liveHolder(Connection c, String job) throws SQLException {
    RunLockHolder recorded = RunLockHolder.read(c, job);
    Long session = lockSession(c, AdvisoryLocks.key("tributary-run", RepositorySchema.currentSchema(c), job));
    return recorded != null && session != null && recorded.session().equals(session.toString()) ? recorded : null;
  }

  private static TributaryException busy(String job, String who) {
    return TributaryException.busy(who + "; this run did nothing",
        "try again later ('./tributary status " + job + "' shows the running run). A run whose process died"
            + " releases the lock with its database session: at once when it is killed, within about a minute when"
            + " its host is lost", null);
  }

  /**
   * Names the session, and makes the server probe an idle client every 10 s after 30 s of silence and end the
   * session after 3 unanswered probes (defaults are 2 hours): that is the lease a lost host loses.
   */
  private static void configure(Connection session) throws SQLException {
    session.setAutoCommit(true);
    try (Statement s = session.createStatement()) {
      s.execute("SET application_name = 'tributary run lock'");
      s.execute("SET tcp_keepalives_idle = 30");
      s.execute("SET tcp_keepalives_interval = 10");
      s.execute("SET tcp_keepalives_count = 3");
      if (session.getMetaData().getDatabaseMajorVersion() >= 14) {
        // A server-wide idle_session_timeout would end this idle session and with it the lock of a live run.
        s.execute("SET idle_session_timeout = 0");
      }
    }
  }

  private static boolean tryLock(Connection session, long key) throws SQLException {
    try (PreparedStatement s = session.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      s.setLong(1, key);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static long backendPid(Connection session) throws SQLException {
    try (Statement s = session.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The backend pid of the session holding {@code key}, or null if none does (any more). */
  private static Long lockSession(Connection session, long key) throws SQLException {
    try (PreparedStatement s = session.prepareStatement("SELECT pid FROM pg_locks WHERE locktype = 'advisory'"
        + " AND granted AND objsubid = 1 AND (classid::bigint << 32) | objid::bigint = ?"
        + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
      s.setLong(1, key);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  @Override
  public RunLockHolder holder() {
    return holder;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (watch != null) {
      watch.shutdownNow();
    }
    try (Connection session = this.session) {
      holder.erase(session);
      try (PreparedStatement s = session.prepareStatement("SELECT pg_advisory_unlock(?)")) {
        s.setLong(1, key);
        s.execute();
      }
    } catch (SQLException e) {
      // Closing the session releases the lock in any case; a stale holder row is overwritten by the next holder.
      LOG.warn("releasing the run lock of {} cleanly failed; closing its session released it", holder.job(), e);
    }
  }
}
