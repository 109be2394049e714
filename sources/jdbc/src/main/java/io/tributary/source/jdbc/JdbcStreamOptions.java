package io.tributary.source.jdbc;

import io.tributary.core.StreamOptions;
import io.tributary.core.TributaryException;
import java.util.Map;
import java.util.Set;

/**
 * A JDBC stream's {@code options:}: {@code table} (optionally {@code schema.table}, default the stream name) or
 * {@code query} (a SELECT, used as a subquery), and {@code pass_through} (default true; false reads every page as
 * typed values even where the sink could take the source's own binary COPY tuples, see {@link JdbcPassThrough}).
 */
record JdbcStreamOptions(String table, String query, boolean passThrough) {

  private static final Set<String> KEYS = Set.of("table", "query", "pass_through");

  JdbcStreamOptions(String table, String query) {
    this(table, query, true);
  }

  static JdbcStreamOptions parse(String stream, Map<String, Object> options) {
    Map<String, Object> opts = StreamOptions.known(stream, options, KEYS,
        "a jdbc stream takes table or query, and pass_through");
    Object pass = opts.get("pass_through");
    if (pass != null && !(pass instanceof Boolean)) {
      throw TributaryException.config("stream '" + stream + "': option pass_through must be true or false",
          "write pass_through: false to read every page as typed values");
    }
    boolean passThrough = pass == null || (Boolean) pass;
    String table = text(stream, opts, "table");
    String query = text(stream, opts, "query");
    if (table != null && query != null) {
      throw TributaryException.config("stream '" + stream + "' sets both table and query",
          "keep one: table reads a whole table, query reads the result of a SELECT");
    }
    if (query != null) {
      query = query.strip().replaceAll(";+\\s*$", "");
      if (!query.regionMatches(true, 0, "select", 0, 6) && !query.regionMatches(true, 0, "with", 0, 4)) {
        throw TributaryException.config("stream '" + stream + "': query must be a SELECT",
            "write options.query as SELECT ... FROM ...");
      }
      return new JdbcStreamOptions(null, query, passThrough);
    }
    return new JdbcStreamOptions(table == null ? stream : table, null, passThrough);
  }

  private static String text(String stream, Map<String, Object> opts, String key) {
    Object v = opts.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s) || s.isBlank()) {
      throw TributaryException.config("stream '" + stream + "': option " + key + " must be a non-empty text",
          "write " + key + ": followed by the " + (key.equals("table") ? "table name" : "SELECT statement"));
    }
    return s.trim();
  }
}
