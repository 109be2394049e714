package io.tributary.sink.databricks;

import static io.tributary.sink.jdbc.SqlFailureCauses.causedByIo;
import static io.tributary.sink.jdbc.SqlFailureCauses.firstLine;
import static io.tributary.sink.jdbc.SqlFailureCauses.sqlState;

import io.tributary.core.TributaryException;
import io.tributary.core.TributaryException.Kind;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The one place Databricks failures become {@link TributaryException}s, classified by the SQLSTATE of the error class
 * the warehouse reports (Databricks docs, "Error classes in Databricks") and by the driver's connection failures.
 * Messages name the workspace, warehouse, catalog and schema, never a secret or token.
 */
final class DatabricksErrors {

  private final String where;
  private final String schema;

  DatabricksErrors(String host, String httpPath, String catalog, String schema) {
    this.where = "Databricks workspace " + host + " (warehouse " + httpPath + ", catalog " + catalog + ")";
    this.schema = catalog + "." + schema;
  }

  TributaryException at(SQLException e, String doing) {
    String state = sqlState(e);
    String message = firstLine(e);
    String what = where + " failed while " + doing + " [" + state + "]: " + message;
    String upper = message.toUpperCase(Locale.ROOT);
    // 28000 invalid authorization; HTTP 401/403 from the OAuth token endpoint or the warehouse
    if (state.startsWith("28") || upper.contains("401") && upper.contains("UNAUTHORIZED")
        || upper.contains("INVALID_CLIENT") || upper.contains("INVALID ACCESS TOKEN")) {
      return new TributaryException(Kind.AUTH, where + " rejected the login: " + message,
          "check sink.client_id and the secret sink.client_secret refers to (or the token sink.token refers to),"
              + " and that the principal may use the SQL warehouse", e);
    }
    // 42501 PERMISSION_DENIED / INSUFFICIENT_PERMISSIONS, 42704 CATALOG/SCHEMA_NOT_FOUND, 42P01 TABLE_OR_VIEW_NOT_FOUND
    if (state.equals("42501") || state.equals("42704") || state.equals("42P01") || state.equals("42000")
        && upper.contains("PERMISSION")) {
      return new TributaryException(Kind.CONFIG, what, "GRANT USE CATALOG, USE SCHEMA, CREATE TABLE, CREATE VOLUME,"
          + " READ VOLUME and WRITE VOLUME ON SCHEMA " + schema + " to the principal (see docs/sinks/databricks.md)",
          e);
    }
    // 08 connection, 40001 serialization (a concurrent Delta commit), 57 resource busy or cancelled, HTTP 429/503
    if (state.startsWith("08") || state.equals("40001") || state.startsWith("57") || state.startsWith("HY")
        || upper.contains("TEMPORARILY_UNAVAILABLE") || upper.contains("429") || upper.contains("503")
        || upper.contains("CONCURRENT") || causedByIo(e)) {
      return TributaryException.transientFailure(what, e);
    }
    return new TributaryException(Kind.CONFIG, what,
        "fix the object, privilege or value the message names, then run again", e);
  }
}
