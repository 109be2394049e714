package io.tributary.mart.read;

import java.sql.SQLException;

/** Turns a database's refusal into a {@link QueryRefused} that says why and what to do, in one place per warehouse. */
final class ReaderErrors {

  private static final String ONLY_MARTS = "only the tables of the marts schema are reachable (raw tables and"
      + " _tributary_* tables are not)";

  private ReaderErrors() {}

  static QueryRefused timedOut(MartQuery q) {
    return new QueryRefused("the query ran past its timeout of " + q.timeout().toSeconds() + " s and was cancelled",
        "narrow it (filter, aggregate) or ask for a longer timeout, at most " + MartQuery.MAX_TIMEOUT.toSeconds()
            + " s");
  }

  static QueryRefused duckDb(SQLException e) {
    String m = firstLine(e.getMessage());
    if (m.contains("read-only mode") || m.contains("read-only")) {
      return new QueryRefused("the marts are read-only for readers: " + m, "send a SELECT; loads write the marts");
    }
    if (m.contains("Permission Error") || m.contains("disabled by configuration") || m.contains("external access")) {
      return new QueryRefused("file and network access (COPY … TO, ATTACH, read_csv, httpfs) is disabled for"
          + " readers: " + m, "query the marts' tables only");
    }
    if (m.contains("Catalog Error") || m.contains("Binder Error: Referenced table")) {
      return new QueryRefused(ONLY_MARTS + ": " + m, "list them with the catalog (./tributary marts, or the"
          + " list_marts tool)");
    }
    return new QueryRefused("the database refused the query: " + m, "fix the SQL (DuckDB dialect)");
  }

  static QueryRefused postgres(SQLException e, String role) {
    String state = String.valueOf(e.getSQLState());
    String m = firstLine(e.getMessage());
    return switch (state) {
      case "28000", "28P01" -> new QueryRefused("cannot log in as the reader role " + role + ": " + m,
          "run the job once as a user that may create roles (each mart build maintains the reader roles), or have"
              + " an administrator create them; set the sink's reader_password where the server asks for one"
              + " (docs/agents.md)");
      case "25006" -> new QueryRefused("the marts are read-only for readers: " + m,
          "send a SELECT; loads write the marts");
      case "42501" -> new QueryRefused(ONLY_MARTS + ", and read-only: " + m,
          "send a SELECT over marts.<name>; list them with the catalog (./tributary marts, or the list_marts tool)");
      case "42P01", "3F000" -> new QueryRefused(ONLY_MARTS + ": " + m,
          "list them with the catalog (./tributary marts, or the list_marts tool)");
      case "57014" -> new QueryRefused("the query was cancelled: " + m, "narrow it or ask for a longer timeout");
      default -> new QueryRefused("the database refused the query: " + m, "fix the SQL (PostgreSQL dialect)");
    };
  }

  static String firstLine(String message) {
    String m = String.valueOf(message).strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).strip();
  }
}
