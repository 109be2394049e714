package io.tributary.source.jdbc;

import io.tributary.core.TributaryException;
import io.tributary.core.TributaryException.Kind;
import java.sql.SQLException;

/**
 * Classifies JDBC failures by SQLState (and MariaDB/H2 vendor codes) into the three kinds of failure, in one place.
 * Messages carry the redacted URL, never the password.
 */
final class JdbcErrors {

  private static final int MARIADB_UNKNOWN_DATABASE = 1049;
  private static final int MARIADB_ACCESS_DENIED = 1045;
  private static final String H2_DATABASE_NOT_FOUND = "90146";

  private JdbcErrors() {}

  /** A failure to open a connection. */
  static TributaryException connect(SQLException e, String url) {
    String state = state(e);
    String where = JdbcUrls.redact(url);
    if (state.startsWith("28") || e.getErrorCode() == MARIADB_ACCESS_DENIED) {
      return withCause(Kind.AUTH, "the database rejected the credentials for " + where + ": " + e.getMessage(),
          "check source.user and the secret source.password points at", e);
    }
    if (state.equals("3D000") || e.getErrorCode() == MARIADB_UNKNOWN_DATABASE || state.equals(H2_DATABASE_NOT_FOUND)) {
      return withCause(Kind.CONFIG, "the database named in " + where + " does not exist: " + e.getMessage(),
          "fix the database name in source.url or create the database", e);
    }
    if (e.getMessage() != null && e.getMessage().startsWith("No suitable driver")) {
      return withCause(Kind.CONFIG, "no JDBC driver accepts " + where,
          "use a jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql: or jdbc:h2: URL", e);
    }
    if (state.startsWith("08")) {
      String hostPort = JdbcUrls.hostPort(url);
      return withCause(Kind.TRANSIENT, "cannot connect to " + where + ": " + e.getMessage(),
          hostPort == null ? "check source.url" : "is the database running at " + hostPort + "?", e);
    }
    return withCause(Kind.CONFIG, "cannot connect to " + where + ": " + e.getMessage()
        + " (SQLState " + state + ")", "check source.url, source.user and source.password", e);
  }

  /** A failure while discovering or reading {@code what} (a stream or table name). */
  static TributaryException read(SQLException e, String what) {
    String state = state(e);
    String message = "reading " + what + " failed: " + e.getMessage() + " (SQLState " + state + ")";
    if (state.startsWith("08") || state.startsWith("40") || state.equals("57014") || state.startsWith("53")) {
      return TributaryException.transientFailure(message, e);
    }
    if (state.startsWith("28") || state.equals("42501")) {
      return withCause(Kind.AUTH, message, "grant the source user SELECT on " + what, e);
    }
    if (state.startsWith("42")) {
      return withCause(Kind.CONFIG, message, "check the stream's table/query option and its field names", e);
    }
    return withCause(Kind.INTERNAL, message, null, e);
  }

  private static String state(SQLException e) {
    return e.getSQLState() == null ? "" : e.getSQLState();
  }

  private static TributaryException withCause(Kind kind, String message, String hint, SQLException cause) {
    return new TributaryException(kind, message, hint, cause);
  }
}
