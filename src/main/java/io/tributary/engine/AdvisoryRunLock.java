package io.tributary.engine;

import io.tributary.core.TributaryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's run lock in a PostgreSQL job repository: a session-level advisory lock on a connection of its own, held
 * for the whole run. PostgreSQL releases it when that session ends, so the lease ends exactly when the holder can no
 * longer act: at once when its process dies (the socket closes), within about a minute when its host is lost (the
 * server's TCP keepalives on this session). No clock, no renewal: a slow or paused holder keeps its lock.
 */
final class AdvisoryRunLock implements RunLock {

  private static final Logger LOG = LoggerFactory.getLogger(AdvisoryRunLock.class);
  /** How long a refused run waits for the holder to record itself (it does so right after taking the lock). */
  private static final Duration HOLDER_WAIT = Duration.ofSeconds(5);

  private final Connection session;
  private final long key;
  private final RunLockHolder holder;

  private AdvisoryRunLock(Connection session, long key, RunLockHolder holder) {
    this.session = session;
    this.key = key;
    this.holder = holder;
  }

  /** Takes the lock of {@code job} on {@code session} (which it then owns), or throws BUSY naming the holder. */
  static RunLock acquire(Connection session, String job) throws SQLException, InterruptedException {
    try {
      configure(session);
      long key = AdvisoryLocks.key("tributary-run", RepositorySchema.currentSchema(session), job);
      long deadline = System.nanoTime() + HOLDER_WAIT.toNanos();
      while (true) {
        if (tryLock(session, key)) {
          RunLockHolder holder = RunLockHolder.thisProcess(job, String.valueOf(backendPid(session)));
          holder.record(session);
          return new AdvisoryRunLock(session, key, holder);
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
  public void close() {
    try (session) {
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
