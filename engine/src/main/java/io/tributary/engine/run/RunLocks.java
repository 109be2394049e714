package io.tributary.engine.run;

import com.zaxxer.hikari.HikariDataSource;
import io.tributary.core.TributaryException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Takes a job's {@link RunLock}, the kind the job repository needs: an advisory lock for PostgreSQL, shared by every
 * host that uses the repository, or a file lock in the state directory for H2 (one process per file anyway). Other
 * databases get the file lock, which orders runs on one machine only (docs/architecture.md).
 */
@Component
public class RunLocks {

  private final DataSource repository;
  private final Path stateDir;
  private final Duration checkInterval;

  /**
   * @param checkInterval how often a run on a PostgreSQL repository checks that it still holds its lock
   *     ({@code tributary.run-lock.check-interval}, environment {@code TRIBUTARY_RUN_LOCK_CHECK_INTERVAL}): how long a
   *     run that lost its lock to another run may go on loading before it stops (its chunks are refused meanwhile)
   */
  public RunLocks(DataSource repository, RepositorySchema schema,
      @Value("${tributary.state-dir:.tributary}") String stateDir,
      @Value("${tributary.run-lock.check-interval:10s}") Duration checkInterval) {
    this.repository = repository;
    this.stateDir = Path.of(stateDir);
    if (checkInterval.isNegative() || checkInterval.isZero()) {
      throw TributaryException.config("tributary.run-lock.check-interval is " + checkInterval + ", not a positive time",
          "set TRIBUTARY_RUN_LOCK_CHECK_INTERVAL to a duration like 10s, or leave it unset");
    }
    this.checkInterval = checkInterval;
  }

  /** The lock of {@code job}, or a BUSY {@link TributaryException} naming its holder. */
  public RunLock acquire(String job) {
    try {
      boolean postgres;
      try (Connection c = repository.getConnection()) {
        postgres = RepositorySchema.platform(c).equals("postgresql");
      }
      return postgres
          ? AdvisoryRunLock.acquire(this::dedicatedSession, job, checkInterval)
          : FileRunLock.acquire(stateDir, job);
    } catch (SQLException e) {
      throw TributaryException.transientFailure("cannot take the run lock of job '" + job + "' in the job repository: "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TributaryException.transientFailure("interrupted while taking the run lock of job '" + job + "'", e);
    }
  }

  /** Who is running {@code job} now, per the PostgreSQL lock; null when no one is (or the repository is H2). */
  public RunLockHolder runningHolder(String job) {
    try (Connection c = repository.getConnection()) {
      return RepositorySchema.platform(c).equals("postgresql") ? AdvisoryRunLock.liveHolder(c, job) : null;
    } catch (SQLException e) {
      throw TributaryException.transientFailure("cannot read the run lock of job '" + job + "': " + e.getMessage(), e);
    }
  }

  /**
   * A connection outside the pool, with the pool's settings: the lock lives as long as this session, so the pool
   * must never recycle it (max lifetime) or hand it to someone else.
   */
  private Connection dedicatedSession() throws SQLException {
    if (repository.isWrapperFor(HikariDataSource.class)) {
      HikariDataSource hikari = repository.unwrap(HikariDataSource.class);
      Properties props = new Properties();
      props.putAll(hikari.getDataSourceProperties());
      if (hikari.getUsername() != null) {
        props.setProperty("user", hikari.getUsername());
      }
      if (hikari.getPassword() != null) {
        props.setProperty("password", hikari.getPassword());
      }
      return DriverManager.getConnection(hikari.getJdbcUrl(), props);
    }
    return repository.getConnection();
  }
}
