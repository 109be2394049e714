package io.tributary.sink.postgres;

import io.tributary.core.TributaryException;
import io.tributary.core.TributaryException.Kind;
import java.sql.SQLException;

/**
 * The one place PostgreSQL errors become {@link TributaryException}s, classified by SQLState (PostgreSQL manual,
 * Appendix A "Error Codes"). Messages name the server, database, user and schema, never the password.
 */
record PostgresErrors(PostgresEndpoint endpoint, String schema) {

  /** For {@code check()}: every failure is a config or auth problem the user must fix before a run. */
  TributaryException atCheck(SQLException e) {
    String state = sqlState(e);
    if (state.startsWith("08")) {
      return new TributaryException(
          Kind.CONFIG,
          "cannot connect to PostgreSQL at " + endpoint.hostPort() + ": " + message(e),
          "is PostgreSQL running at " + endpoint.hostPort() + " and reachable from here? check sink.url",
          e);
    }
    return classify(e, "checking the PostgreSQL sink");
  }

  /** For loads and DDL: connection and concurrency failures are transient, the rest fail fast. */
  TributaryException at(SQLException e, String doing) {
    String state = sqlState(e);
    if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
        || state.equals("40001") || state.equals("40P01")) {
      return TributaryException.transientFailure(
          "PostgreSQL at " + endpoint.hostPort() + " failed while " + doing + ": " + message(e), e);
    }
    return classify(e, doing);
  }

  private TributaryException classify(SQLException e, String doing) {
    String state = sqlState(e);
    String where = "PostgreSQL " + endpoint + " as user '" + endpoint.user() + "'";
    switch (state) {
      case "28P01", "28000":
        return new TributaryException(Kind.AUTH, where + " rejected the login: " + message(e),
            "check sink.user and the secret sink.password refers to", e);
      case "3D000":
        return new TributaryException(Kind.CONFIG,
            "database '" + endpoint.database() + "' does not exist at " + endpoint.hostPort(),
            "create it (createdb " + endpoint.database() + ") or fix the database name in sink.url", e);
      case "42501":
        return new TributaryException(Kind.AUTH, where + " lacks a privilege while " + doing + ": " + message(e),
            "GRANT USAGE, CREATE ON SCHEMA " + schema + " TO " + endpoint.user()
                + " (and GRANT CREATE ON DATABASE " + endpoint.database() + " if the schema does not exist yet)",
            e);
      default:
        return new TributaryException(Kind.CONFIG,
            where + " failed while " + doing + " [SQLState " + state + "]: " + message(e),
            "fix the database object or privilege the message names, then run again", e);
    }
  }

  /** The innermost SQLState; pools wrap the driver's exception in their own. */
  static String sqlState(Throwable e) {
    String state = null;
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof SQLException s && s.getSQLState() != null) {
        state = s.getSQLState();
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return state == null ? "" : state;
  }

  private static String message(Throwable e) {
    Throwable inner = e;
    for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
      if (c instanceof SQLException) {
        inner = c;
      }
    }
    return String.valueOf(inner.getMessage());
  }
}
