package io.tributary.sink.jdbc;

import io.tributary.core.ChunkTransaction;
import io.tributary.core.TributaryException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactions of a JDBC warehouse sink, Spring JDBC transactions on its pool. A chunk transaction
 * ({@link #beginChunk()}) binds its connection to the step thread, so everything of the chunk joins it: {@link #run}
 * work, and a bulk loader that takes its connection with {@link DataSourceUtils#getConnection} (a COPY, an Appender).
 * Work never commits or closes the connection itself. SQL failures leave here classified by the warehouse's own
 * classifier.
 */
public final class JdbcTransactions {

  /** JDBC work on the transaction's connection. */
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** The warehouse's one place of SQL error classification. */
  public interface SqlErrors {
    TributaryException at(SQLException e, String doing);
  }

  private final SqlDialect<?> dialect;
  private final DataSource dataSource;
  private final DataSourceTransactionManager manager;
  private final TransactionTemplate joinOrBegin;
  private final TransactionTemplate own;
  private final SqlErrors errors;
  /** The {@link #run} calls of the chunk transaction open on this thread so far; absent outside a chunk. */
  private final ThreadLocal<int[]> chunkWork = new ThreadLocal<>();
  /** Serializes this process's DDL on the warehouse (the parts of a partitioned stream open tables at once). */
  private final Object ddl = new Object();

  public JdbcTransactions(SqlDialect<?> dialect, DataSource dataSource, SqlErrors errors) {
    this.dialect = dialect;
    this.dataSource = dataSource;
    this.manager = new DataSourceTransactionManager(dataSource);
    // A failed COMMIT must not be followed by the autocommit reset alone: JDBC commits an open transaction then.
    manager.setRollbackOnCommitFailure(true);
    this.joinOrBegin = new TransactionTemplate(manager);
    this.own = new TransactionTemplate(manager);
    this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.errors = errors;
  }

  /**
   * Begins a chunk transaction on the calling thread. It runs Spring's transaction synchronization itself, so a
   * callback registered during the chunk runs at its end on the chunk's connection, before that is released.
   */
  public ChunkTransaction beginChunk() {
    TransactionStatus status;
    try {
      status = manager.getTransaction(TransactionDefinition.withDefaults());
    } catch (TransactionException e) {
      throw failed(e, "beginning a chunk transaction");
    }
    chunkWork.set(new int[1]);
    return new ChunkTransaction() {
      private boolean ended;

      @Override
      public void commit() {
        ended = true;
        chunkWork.remove();
        try {
          manager.commit(status);
        } catch (TransactionException e) {
          throw failed(e, "committing a chunk");
        }
      }

      @Override
      public void rollback() {
        if (!ended) {
          ended = true;
          chunkWork.remove();
          manager.rollback(status);
        }
      }
    };
  }

  /** Joins the current transaction or starts one; {@code doing} names the work in error messages. */
  public <T> T run(String doing, Work<T> work) {
    int[] sofar = chunkWork.get();
    if (sofar != null) {
      sofar[0]++;
    }
    return execute(joinOrBegin, doing, work);
  }

  /** Whether a chunk transaction of this sink is open on the calling thread. */
  public boolean inChunk() {
    return chunkWork.get() != null;
  }

  /** How much work ({@link #run} calls) the chunk transaction open on this thread has done; 0 outside a chunk. */
  public int chunkWorkSoFar() {
    int[] sofar = chunkWork.get();
    return sofar == null ? 0 : sofar[0];
  }

  /** Always a transaction of its own, committed when {@code work} returns. */
  public <T> T runAlone(String doing, Work<T> work) {
    return execute(own, doing, work);
  }

  /**
   * A transaction of its own that changes tables of {@code schema}: one at a time in this process, and it first takes
   * the warehouse's lock on the schema's DDL ({@link SqlDialect#lockSchema}) for other processes.
   */
  public <T> T runDdl(String schema, String doing, Work<T> work) {
    synchronized (ddl) {
      return runAlone(doing, c -> {
        dialect.lockSchema(c, schema);
        return work.run(c);
      });
    }
  }

  /**
   * Work on an autocommit connection of its own (statements DuckDB refuses inside a transaction, such as DETACH),
   * never at the same time as this process's DDL, so it sees no half-rebuilt table.
   */
  public <T> T runBesideDdl(String doing, Work<T> work) {
    synchronized (ddl) {
      return runAutocommit(doing, work);
    }
  }

  /**
   * Work on an autocommit connection of its own, each statement committing alone: for a warehouse without
   * multi-statement transactions over DDL and COPY (Databricks), whose writer makes every step atomic or idempotent.
   */
  public <T> T runAutocommit(String doing, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw errors.at(e, doing);
    }
  }

  private <T> T execute(TransactionTemplate template, String doing, Work<T> work) {
    try {
      return template.execute(status -> {
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
          return work.run(c);
        } catch (SQLException e) {
          throw errors.at(e, doing);
        } finally {
          DataSourceUtils.releaseConnection(c, dataSource);
        }
      });
    } catch (CannotGetJdbcConnectionException | TransactionException e) {
      throw failed(e, doing);
    }
  }

  private TributaryException failed(RuntimeException e, String doing) {
    if (e.getCause() instanceof SQLException sql) {
      return errors.at(sql, doing);
    }
    return new TributaryException(TributaryException.Kind.TRANSIENT,
        dialect.name() + " transaction failed while " + doing + ": " + e.getMessage(),
        "run the job again: it resumes after the last committed chunk", e);
  }
}
