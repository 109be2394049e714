package io.tributary.mart.read;

import java.time.Duration;
import java.util.List;

/**
 * One read-only query over the marts.
 *
 * @param sql one SELECT (or WITH … SELECT) statement; {@code ?} placeholders take {@code params} in order
 * @param params the placeholder values (strings, numbers, booleans, null)
 * @param limit the most rows returned, at most {@link #MAX_LIMIT}
 * @param timeout how long the database may work on it, at most {@link #MAX_TIMEOUT}
 */
public record MartQuery(String sql, List<Object> params, int limit, Duration timeout) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration MAX_TIMEOUT = Duration.ofSeconds(120);

  /** A query with the default limit and timeout. */
  public static MartQuery of(String sql) {
    return new MartQuery(sql, List.of(), DEFAULT_LIMIT, DEFAULT_TIMEOUT);
  }

  /** Refuses what no database should be asked: several statements, an over-limit or non-positive row limit. */
  public MartQuery checked() {
    if (sql == null || sql.isBlank()) {
      throw new QueryRefused("the query is empty", "send one SELECT over the marts schema");
    }
    if (io.tributary.mart.SqlStatements.split(sql).size() != 1) {
      throw new QueryRefused("several statements in one query",
          "send one SELECT at a time (statements separated by ';' are refused)");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new QueryRefused("row limit " + limit + " is over the maximum of " + MAX_LIMIT + " (or below 1)",
          "ask for at most " + MAX_LIMIT + " rows: aggregate in SQL, or page with ORDER BY … LIMIT … OFFSET …");
    }
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new QueryRefused("timeout " + timeout.toSeconds() + " s is over the maximum of "
          + MAX_TIMEOUT.toSeconds() + " s", "ask for a shorter timeout");
    }
    return this;
  }
}
