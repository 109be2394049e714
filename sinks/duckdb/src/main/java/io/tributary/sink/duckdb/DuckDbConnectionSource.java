package io.tributary.sink.duckdb;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.duckdb.DuckDBConnection;

/**
 * A DataSource over one open DuckDB database: every {@link #getConnection()} is a duplicate of the base connection,
 * so chunk transactions, DDL and reads share the in-process database (a second {@code DriverManager} connection to a
 * file would be a second database instance and could not lock it). Closing a duplicate leaves the database open.
 */
final class DuckDbConnectionSource implements DataSource {

  private final DuckDBConnection base;

  DuckDbConnectionSource(DuckDBConnection base) {
    this.base = base;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return base.duplicate();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no parent logger");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
