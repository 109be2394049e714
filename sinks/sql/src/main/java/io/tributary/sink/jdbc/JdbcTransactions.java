package io.tributary.sink.jdbc;

import io.tributary.core.TributaryException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs JDBC work of a JDBC warehouse sink on its pool inside a transaction of the sink's transaction manager: it joins
 * the chunk transaction when the engine has one open, else it is its own. Work never commits or closes the connection
 * itself. SQL failures leave here classified by the warehouse's own classifier.
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

  private final String warehouse;
  private final DataSource dataSource;
  private final TransactionTemplate joinOrBegin;
  private final TransactionTemplate own;
  private final SqlErrors errors;

  public JdbcTransactions(String warehouse, DataSource dataSource, PlatformTransactionManager manager,
      SqlErrors errors) {
    this.warehouse = warehouse;
    this.dataSource = dataSource;
    this.joinOrBegin = new TransactionTemplate(manager);
    this.own = new TransactionTemplate(manager);
    this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.errors = errors;
  }

  /** Joins the current transaction or starts one; {@code doing} names the work in error messages. */
  public <T> T run(String doing, Work<T> work) {
    return execute(joinOrBegin, doing, work);
  }

  /** Always a transaction of its own, committed when {@code work} returns. */
  public <T> T runAlone(String doing, Work<T> work) {
    return execute(own, doing, work);
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
      if (e.getCause() instanceof SQLException sql) {
        throw errors.at(sql, doing);
      }
      throw new TributaryException(TributaryException.Kind.TRANSIENT,
          warehouse + " transaction failed while " + doing + ": " + e.getMessage(),
          "run the job again: it resumes after the last committed chunk", e);
    }
  }
}
