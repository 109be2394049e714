package io.tributary.core;

import java.util.regex.Pattern;

/**
 * Validates identifiers that come from configuration (tables, columns, schemas) before any SQL is built with them.
 * Sinks still quote every identifier; this check rejects injection attempts early with a clear message.
 */
public final class Identifiers {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private Identifiers() {}

  public static String require(String identifier, String what) {
    if (identifier == null || !PLAIN.matcher(identifier).matches()) {
      throw TributaryException.config(
          what + " '" + identifier + "' is not a valid identifier",
          "use letters, digits and underscores only, starting with a letter or underscore, at most 63 characters");
    }
    return identifier;
  }

  /** Turns a source field name into a warehouse column name: {@code Owner.Name} → {@code owner_name}. */
  public static String columnName(String sourceName) {
    String s = sourceName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    s = s.replaceAll("[^a-z0-9_]+", "_").replaceAll("_+", "_");
    s = s.replaceAll("^_+(?=.)", "").replaceAll("(?<=.)_+$", "");
    if (s.isEmpty() || Character.isDigit(s.charAt(0))) {
      s = "_" + s;
    }
    return s.length() > 63 ? s.substring(0, 63) : s;
  }

  /** Double-quotes an already validated identifier (ANSI quoting, shared by PostgreSQL, DuckDB and Snowflake). */
  public static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
