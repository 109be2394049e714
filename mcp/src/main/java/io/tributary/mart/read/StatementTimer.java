package io.tributary.mart.read;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Cancels a statement that runs past its timeout (DuckDB's JDBC driver has no query timeout of its own). */
final class StatementTimer implements AutoCloseable {

  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "tributary-query-timeout");
    t.setDaemon(true);
    return t;
  });

  private final ScheduledFuture<?> task;
  private final AtomicBoolean fired = new AtomicBoolean();

  StatementTimer(Statement statement, Duration timeout) {
    this.task = TIMER.schedule(() -> {
      fired.set(true);
      try {
        statement.cancel();
      } catch (SQLException ignored) {
        // the statement finished or its connection closed in between: nothing left to cancel
      }
    }, timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether the timeout fired. */
  boolean fired() {
    return fired.get();
  }

  @Override
  public void close() {
    task.cancel(false);
  }
}
