package io.tributary.sink.postgres;

import static io.tributary.core.Identifiers.quote;

import io.tributary.core.MartReaderPublisher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What PostgreSQL readers of the marts may see, enforced by the server's privileges: a schema {@value #SCHEMA} with
 * one view per mart table, in which every column the data dictionary declares PII reads {@value
 * MartReaderPublisher#MASK} (NULL stays NULL), and two login roles. {@value #ROLE} may select from those views and
 * nothing else (no privilege on {@code marts}, the raw schemas or {@code _tributary_*} tables), so no alias,
 * expression, subquery, join or function can reach a clear value: the view computes the mask and the role cannot
 * read the table under it. {@value #CLEAR_ROLE}, for readers started with the explicit option, may select from the
 * {@code marts} tables. Readers log in as these roles (never {@code SET ROLE} from a stronger session, which a
 * statement could undo with {@code set_config('role', …)}). The mart build maintains all of it; creating the roles
 * needs {@code CREATEROLE} once (otherwise an administrator creates them, see docs/agents.md).
 */
public final class PostgresReaderViews {

  public static final String SCHEMA = "marts_reader";
  public static final String ROLE = "tributary_mart_reader";
  public static final String CLEAR_ROLE = "tributary_mart_reader_clear";
  private static final String MARTS = "marts";
  private static final Logger LOG = LoggerFactory.getLogger(PostgresReaderViews.class);

  private PostgresReaderViews() {}

  /** Drops the readers' views of marts about to be rebuilt: a view would keep their {@code DROP TABLE} from running. */
  static void withdraw(Connection c, List<String> marts) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String mart : marts) {
        s.execute("DROP VIEW IF EXISTS " + SCHEMA + "." + quote(mart));
      }
    }
  }

  /**
   * Recreates one masking view per table of {@code marts} and the readers' roles and grants, in the caller's
   * transaction; {@code readerPassword} (may be null) becomes the roles' login password.
   */
  public static void publish(Connection c, Map<String, Set<String>> piiColumns, String readerPassword)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + MARTS);
      s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
      for (Map.Entry<String, List<String>> table : martTables(c).entrySet()) {
        Set<String> pii = piiColumns.getOrDefault(table.getKey().toLowerCase(Locale.ROOT), Set.of());
        String view = SCHEMA + "." + quote(table.getKey());
        s.execute("DROP VIEW IF EXISTS " + view);
        s.execute("CREATE VIEW " + view + " WITH (security_barrier) AS SELECT " + table.getValue().stream()
            .map(col -> pii.contains(col.toLowerCase(Locale.ROOT)) ? "CASE WHEN " + quote(col) + " IS NULL THEN NULL"
                + " ELSE '" + MartReaderPublisher.MASK + "' END AS " + quote(col) : quote(col))
            .collect(Collectors.joining(", ")) + " FROM " + MARTS + "." + quote(table.getKey()));
      }
    }
    if (ensureRoles(c, readerPassword)) {
      grant(c);
    }
  }

  /** Creates the two login roles where missing (and sets their password); false when they do not exist after. */
  private static boolean ensureRoles(Connection c, String password) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String role : List.of(ROLE, CLEAR_ROLE)) {
        s.execute("DO $$ BEGIN CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;"
            + " EXCEPTION WHEN duplicate_object OR unique_violation OR insufficient_privilege THEN NULL; END $$");
        // a role an earlier version created NOLOGIN (readers then switched to it) logs in now
        s.execute("DO $$ BEGIN ALTER ROLE " + role + " LOGIN" + (password == null ? "" : " PASSWORD "
            + literal(password)) + "; EXCEPTION WHEN insufficient_privilege OR undefined_object THEN NULL; END $$");
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_roles WHERE rolname IN (?, ?)")) {
      ps.setString(1, ROLE);
      ps.setString(2, CLEAR_ROLE);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getInt(1) == 2) {
          return true;
        }
      }
    }
    LOG.warn("the mart reader roles {} and {} do not exist and this user may not create them: readers cannot log in"
        + " until an administrator creates them (docs/agents.md, 'PostgreSQL reader roles')", ROLE, CLEAR_ROLE);
    return false;
  }

  /** The masked role reads the views only (privileges an earlier version granted on marts are taken back). */
  private static void grant(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("REVOKE ALL ON ALL TABLES IN SCHEMA " + MARTS + " FROM " + ROLE);
      s.execute("REVOKE ALL ON SCHEMA " + MARTS + " FROM " + ROLE);
      s.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA " + MARTS + " REVOKE ALL ON TABLES FROM " + ROLE);
      s.execute("GRANT USAGE ON SCHEMA " + SCHEMA + " TO " + ROLE);
      s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA " + SCHEMA + " TO " + ROLE);
      s.execute("GRANT USAGE ON SCHEMA " + MARTS + " TO " + CLEAR_ROLE);
      s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA " + MARTS + " TO " + CLEAR_ROLE);
    }
  }

  private static Map<String, List<String>> martTables(Connection c) throws SQLException {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT c.relname, a.attname"
        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid"
        + " WHERE n.nspname = '" + MARTS + "' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped"
        + " ORDER BY c.relname, a.attnum")) {
      while (rs.next()) {
        tables.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
      }
    }
    return tables;
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
