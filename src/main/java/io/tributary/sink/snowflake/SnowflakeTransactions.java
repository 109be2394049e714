package io.tributary.sink.snowflake;

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
 * Runs JDBC work on the sink's pool inside a transaction of the sink's transaction manager: it joins the chunk
 * transaction when the engine has one open, else it is its own. SQL failures leave here classified.
 */
final class SnowflakeTransactions {

  /** JDBC work on the transaction's connection. */
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;
  private final TransactionTemplate joinOrBegin;
  private final TransactionTemplate own;
  private final SnowflakeErrors errors;

  SnowflakeTransactions(DataSource dataSource, PlatformTransactionManager manager, SnowflakeErrors errors) {
    this.dataSource = dataSource;
    this.joinOrBegin = new TransactionTemplate(manager);
    this.own = new TransactionTemplate(manager);
    this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.errors = errors;
  }

  <T> T run(String doing, Work<T> work) {
    return execute(joinOrBegin, doing, work);
  }

  <T> T runAlone(String doing, Work<T> work) {
    return execute(own, doing, work);
  }

  SnowflakeErrors errors() {
    return errors;
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
          "Snowflake transaction failed while " + doing + ": " + e.getMessage(),
          "run the job again: it resumes after the last committed chunk", e);
    }
  }
}
