package io.tributary.mart.read;

import java.util.List;
import java.util.Map;

/**
 * The typed result of a query: columns with their SQL types, rows as JSON-ready values (numbers stay numbers and
 * DECIMAL keeps its scale, dates and timestamps are ISO-8601 strings), and whether more rows than the limit existed.
 */
public record QueryResult(List<Column> columns, List<Map<String, Object>> rows, boolean truncated) {

  /** A result column. */
  public record Column(String name, String type) {}
}
