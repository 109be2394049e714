package io.tributary.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL for tests: the local server at 127.0.0.1:5432 (database {@code test}, trust auth) when it answers,
 * else an embedded PostgreSQL (zonky) started once per JVM. Set {@code TRIBUTARY_TEST_PG_URL} to use another server.
 * Never a mock.
 */
public final class TestPostgres {

  private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static volatile String url;
  private static volatile String user;
  private static EmbeddedPostgres embedded;

  private TestPostgres() {}

  /** JDBC URL of the server in use (no credentials needed beyond {@link #user()}). */
  public static synchronized String url() {
    if (url == null) {
      start();
    }
    return url;
  }

  public static String user() {
    url();
    return user;
  }

  /** Empty for the local trust-auth server and zonky; the generated one for a container. */
  public static String password() {
    url();
    return System.getProperty("TRIBUTARY_TEST_PG_PASSWORD", "");
  }

  public static DataSource dataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(url());
    ds.setUser(user());
    ds.setPassword(password());
    return ds;
  }

  /** A data source whose connections start in {@code schema} (its unqualified names resolve there). */
  public static PGSimpleDataSource dataSource(String schema) {
    PGSimpleDataSource ds = (PGSimpleDataSource) dataSource();
    ds.setCurrentSchema(schema);
    return ds;
  }

  public static Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), user(), password());
  }

  /** Creates a fresh, uniquely named schema and returns its name, so tests never see each other's tables. */
  public static String freshSchema(String prefix) {
    String schema = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase();
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create schema " + schema, e);
    }
    return schema;
  }

  /** Whether the tests run against the embedded server (for messages only). */
  public static boolean embedded() {
    url();
    return embedded != null;
  }

  private static void start() {
    String configured = System.getenv("TRIBUTARY_TEST_PG_URL");
    if (configured != null && !configured.isBlank()) {
      url = configured;
      user = System.getenv().getOrDefault("TRIBUTARY_TEST_PG_USER", "postgres");
      return;
    }
    try (Connection c = DriverManager.getConnection(LOCAL_URL + "?connectTimeout=2", "postgres", "")) {
      c.isValid(2);
      url = forkDatabase(c);
      user = "postgres";
      return;
    } catch (SQLException e) {
      System.err.println("[TestPostgres] no PostgreSQL at 127.0.0.1:5432 (" + e.getMessage() + ")");
    }
    if (startContainer()) {
      return;
    }
    System.err.println("[TestPostgres] no Docker either; starting an embedded PostgreSQL (zonky)");
    try {
      embedded = EmbeddedPostgres.builder().start();
      url = embedded.getJdbcUrl("postgres", "postgres");
      user = "postgres";
      Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::stopEmbedded));
    } catch (IOException e) {
      throw new IllegalStateException("no PostgreSQL available: local server down and embedded start failed", e);
    }
  }

  /**
   * The database of this test JVM on the local server: {@code test} for the first (or only) fork, {@code test_fork<N>}
   * for fork N of a module run with several forks ({@code tributary.test.fork}, set by the build), so JVMs that run
   * at once never share the fixed-name schemas a warehouse keeps ({@code marts}, {@code marts_reader}).
   */
  private static String forkDatabase(Connection test) throws SQLException {
    String fork = System.getProperty("tributary.test.fork", "1");
    if (!fork.matches("[0-9]+") || fork.equals("1")) {
      return LOCAL_URL;
    }
    String database = "test_fork" + fork;
    try (Statement s = test.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      if (!"42P04".equals(e.getSQLState())) { // duplicate_database: an earlier run made it
        throw e;
      }
    }
    return LOCAL_URL.substring(0, LOCAL_URL.lastIndexOf('/') + 1) + database;
  }

  /** Testcontainers where a Docker engine answers; false when there is none. */
  private static boolean startContainer() {
    try {
      if (!org.testcontainers.DockerClientFactory.instance().isDockerAvailable()) {
        return false;
      }
      var container = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:16-alpine");
      // Trust auth like the local server, so job files in tests need no password.
      container.withEnv("POSTGRES_HOST_AUTH_METHOD", "trust");
      container.start();
      url = container.getJdbcUrl();
      user = container.getUsername();
      System.setProperty("TRIBUTARY_TEST_PG_PASSWORD", container.getPassword());
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
      System.err.println("[TestPostgres] using a Testcontainers PostgreSQL at " + url);
      return true;
    } catch (RuntimeException | LinkageError e) {
      System.err.println("[TestPostgres] Testcontainers unavailable: " + e.getMessage());
      return false;
    }
  }

  private static void stopEmbedded() {
    try {
      embedded.close();
    } catch (IOException ignored) {
      // the JVM is exiting
    }
  }

  /** The first column of every row {@code query} returns, as text. */
  public static java.util.List<String> strings(String query) throws SQLException {
    java.util.List<String> out = new java.util.ArrayList<>();
    try (Connection c = connect();
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
