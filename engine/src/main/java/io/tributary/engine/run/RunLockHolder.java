package io.tributary.engine.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Who holds a job's run lock: host, process id, since when, and the lock's session (the PostgreSQL backend pid of
 * the advisory lock's connection, or {@code file}). One row per job in {@code tributary_run_lock}, written by the
 * holder right after it took the lock, so a refused run can name it.
 */
public record RunLockHolder(String job, String host, long pid, Instant since, String session) {

  static final String TABLE = "tributary_run_lock";

  static RunLockHolder thisProcess(String job, String session) {
    return new RunLockHolder(job, hostName(), ProcessHandle.current().pid(),
        Instant.now().truncatedTo(ChronoUnit.SECONDS), session);
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      String env = System.getenv("HOSTNAME");
      return env != null ? env : "unknown-host";
    }
  }

  /** "job X is running on host H (pid P) since T". */
  public String describe() {
    return "job '" + job + "' is running on host " + host + " (pid " + pid + ") since " + since;
  }

  /** Replaces the job's row: only the lock holder writes it, so there is no concurrent writer. */
  void record(Connection c) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE job_name = ?")) {
      delete.setString(1, job);
      delete.executeUpdate();
    }
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE
        + " (job_name, host, pid, since, session_id) VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, job);
      insert.setString(2, host);
      insert.setLong(3, pid);
      insert.setString(4, since.toString());
      insert.setString(5, session);
      insert.executeUpdate();
    }
  }

  /** Removes this holder's row (not a later holder's). */
  void erase(Connection c) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement(
        "DELETE FROM " + TABLE + " WHERE job_name = ? AND host = ? AND pid = ? AND session_id = ?")) {
      delete.setString(1, job);
      delete.setString(2, host);
      delete.setLong(3, pid);
      delete.setString(4, session);
      delete.executeUpdate();
    }
  }

  /** The recorded holder of {@code job}, or null. It may be stale: callers check its session still holds the lock. */
  static RunLockHolder read(Connection c, String job) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(
        "SELECT host, pid, since, session_id FROM " + TABLE + " WHERE job_name = ?")) {
      select.setString(1, job);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next()
            ? new RunLockHolder(job, rs.getString(1), rs.getLong(2), Instant.parse(rs.getString(3)), rs.getString(4))
            : null;
      }
    }
  }
}
