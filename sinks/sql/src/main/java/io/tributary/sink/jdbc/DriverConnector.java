package io.tributary.sink.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * Opens sessions of a warehouse's own JDBC driver with login properties built from secret references on first use
 * and handed to the driver as objects, never put in the URL. The pool calls it from its threads; the login is
 * resolved once.
 */
public abstract class DriverConnector extends AbstractDataSource {

  private volatile Properties login;

  /** The JDBC URL, without any credential. */
  public abstract String url();

  /** The warehouse's driver. */
  protected abstract Driver driver();

  /**
   * Resolves the secret references and builds the login properties; a missing secret fails here with a CONFIG error,
   * before any network call.
   */
  protected abstract Properties credentials();

  /** The login properties, resolved on first use. */
  public final Properties login() {
    Properties p = login;
    if (p == null) {
      p = credentials();
      login = p;
    }
    return p;
  }

  @Override
  public final Connection getConnection() throws SQLException {
    Connection c = driver().connect(url(), login());
    if (c == null) {
      throw new SQLException("the driver " + driver().getClass().getName() + " did not accept " + url());
    }
    return c;
  }

  @Override
  public final Connection getConnection(String username, String password) {
    throw new UnsupportedOperationException("credentials come from the sink configuration");
  }
}
