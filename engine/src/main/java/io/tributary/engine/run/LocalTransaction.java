package io.tributary.engine.run;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One transaction on a connection the caller holds (the job repository's schema set-up, the audit spool's drain):
 * commits when the work returns, rolls back when it throws, and leaves the connection's auto-commit mode as it was.
 */
final class LocalTransaction {

  /** The work, which may throw one checked exception of its own besides SQLException. */
  @FunctionalInterface
  interface Work<E extends Exception> {
    void run(Connection c) throws SQLException, E;
  }

  private LocalTransaction() {}

  static <E extends Exception> void run(Connection c, Work<E> work) throws SQLException, E {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      work.run(c);
      c.commit();
    } catch (Exception e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }
}
