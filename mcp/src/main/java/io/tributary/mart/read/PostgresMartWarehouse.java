package io.tributary.mart.read;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Reads the marts of a PostgreSQL warehouse. Each query runs in its own {@code READ ONLY} transaction under the
 * role {@value #ROLE} ({@code SET LOCAL ROLE}), which may only use the {@code marts} schema and select from it: so
 * writes fail on the transaction, raw tables and {@code COPY … TO} a file fail on the role's privileges, and the
 * transaction is rolled back after every query, which also undoes any {@code SET} the statement made. PostgreSQL's
 * MVCC lets loads and readers run side by side; a reader's statement timeout bounds how long a mart rebuild
 * ({@code DROP TABLE}) can wait for it.
 */
public final class PostgresMartWarehouse implements MartWarehouse {

  public static final String ROLE = "tributary_mart_reader";

  private final String url;
  private final Properties credentials;
  private Connection connection;

  public PostgresMartWarehouse(String url, String user, String password) {
    this.url = url;
    this.credentials = new Properties();
    if (user != null) {
      credentials.setProperty("user", user);
    }
    if (password != null) {
      credentials.setProperty("password", password);
    }
  }

  @Override
  public String location() {
    return url.replaceFirst("\\?.*$", "") + " (schema marts)";
  }

  @Override
  public QueryResult query(MartQuery query) {
    MartQuery q = query.checked();
    try {
      Connection c = connection();
      try (Statement setup = c.createStatement()) {
        setup.execute("SET LOCAL ROLE " + ROLE);
        setup.execute("SET LOCAL statement_timeout = " + q.timeout().toMillis());
        setup.execute("SET LOCAL search_path = marts");
        try (PreparedStatement s = c.prepareStatement(q.sql())) {
          s.setMaxRows(q.limit() + 1);
          for (int i = 0; i < q.params().size(); i++) {
            s.setObject(i + 1, q.params().get(i));
          }
          try (ResultSet rs = s.executeQuery()) {
            return JdbcRows.read(rs, q.limit());
          }
        }
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw ReaderErrors.postgres(e);
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      Connection c = DriverManager.getConnection(url, credentials);
      grantReaderRole(c);
      c.setAutoCommit(false);
      c.setReadOnly(true);
      connection = c;
    }
    return connection;
  }

  /** The reader role and its grants, idempotent; new marts are covered by the default privileges of their owner. */
  private static void grantReaderRole(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DO $$ BEGIN CREATE ROLE " + ROLE + " NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation"
          + " THEN NULL; END $$");
      s.execute("CREATE SCHEMA IF NOT EXISTS marts");
      s.execute("DO $$ BEGIN EXECUTE format('GRANT " + ROLE + " TO %I', current_user); EXCEPTION WHEN OTHERS"
          + " THEN NULL; END $$");
      s.execute("GRANT USAGE ON SCHEMA marts TO " + ROLE);
      s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA marts TO " + ROLE);
      s.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA marts GRANT SELECT ON TABLES TO " + ROLE);
    }
  }

  @Override
  public void close() {
    MartWarehouse.closeQuietly(connection);
    connection = null;
  }
}
