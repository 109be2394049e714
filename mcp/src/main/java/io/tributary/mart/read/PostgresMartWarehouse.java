package io.tributary.mart.read;

import io.tributary.sink.postgres.PostgresReaderViews;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads the marts of a PostgreSQL warehouse, logged in as a reader role the mart build maintains
 * ({@link PostgresReaderViews}): {@value PostgresReaderViews#ROLE}, which may select only from the views of schema
 * {@value PostgresReaderViews#SCHEMA} that mask PII columns, or with the explicit option
 * {@value PostgresReaderViews#CLEAR_ROLE}, which may select the {@code marts} tables. The reader logs in as the role
 * itself: a session of a stronger user that merely {@code SET ROLE}s could switch back within a statement
 * ({@code set_config('role', …)}). Each query runs in its own {@code READ ONLY} transaction, rolled back after it, with
 * a statement timeout. A query names marts as {@code marts.<name>} on both roles: for the masked role that name is
 * resolved to its view ({@link MartsSchemaName}); the role has no privilege on {@code marts}, so whatever a query
 * names, the server answers from the masked views or refuses.
 */
public final class PostgresMartWarehouse implements MartWarehouse {

  private final String url;
  private final Properties credentials;
  private final boolean showPii;
  private Connection connection;

  /** {@code password} is the reader roles' password (null where the server trusts the login). */
  public PostgresMartWarehouse(String url, String password, boolean showPii) {
    this.url = url;
    this.showPii = showPii;
    this.credentials = new Properties();
    credentials.setProperty("user", role());
    if (password != null) {
      credentials.setProperty("password", password);
    }
  }

  private String role() {
    return showPii ? PostgresReaderViews.CLEAR_ROLE : PostgresReaderViews.ROLE;
  }

  private String schema() {
    return showPii ? "marts" : PostgresReaderViews.SCHEMA;
  }

  @Override
  public String location() {
    return url.replaceFirst("\\?.*$", "") + " (schema " + schema() + ", role " + role() + ")";
  }

  @Override
  public QueryResult query(MartQuery query) {
    MartQuery q = query.checked();
    try {
      Connection c = connection();
      try (Statement setup = c.createStatement()) {
        setup.execute("SET LOCAL statement_timeout = " + q.timeout().toMillis());
        setup.execute("SET LOCAL search_path = " + schema());
        String sql = showPii ? q.sql() : MartsSchemaName.rename(q.sql(), PostgresReaderViews.SCHEMA);
        try (PreparedStatement s = c.prepareStatement(sql)) {
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
      throw ReaderErrors.postgres(e, role());
    }
  }

  /** The marts the role can read: the views of its schema (the masked role), or the tables of marts. */
  @Override
  public List<String> marts() {
    List<String> out = new ArrayList<>();
    query(new MartQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema() + "'"
        + " ORDER BY table_name", List.of(), MartQuery.MAX_LIMIT, MartQuery.DEFAULT_TIMEOUT))
        .rows().forEach(row -> out.add(String.valueOf(row.get("table_name"))));
    return out;
  }

  private Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      Connection c = DriverManager.getConnection(url, credentials);
      c.setAutoCommit(false);
      c.setReadOnly(true);
      connection = c;
    }
    return connection;
  }

  @Override
  public void close() {
    MartWarehouse.closeQuietly(connection);
    connection = null;
  }
}
