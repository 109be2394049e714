package io.tributary.mart;

import java.time.Duration;
import java.util.List;

/**
 * A mart's entry in the data dictionary ({@code sql/marts/<family>/<mart>.yml} beside its SQL): the single source of
 * the warehouse {@code COMMENT}s, the catalog that {@code ./tributary marts} and the MCP server show, and
 * docs/marts.md.
 *
 * @param name the mart (table in the {@code marts} schema)
 * @param family the folder under sql/marts (salesforce, hubspot, cross_source...)
 * @param description what the mart answers
 * @param grain what one row is
 * @param inputs the streams the mart reads; their last loads are the mart's freshness
 * @param stalenessLimit how old the oldest input may be before the catalog flags the mart stale
 * @param columns the columns in table order
 */
public record MartDeclaration(String name, String family, String description, String grain, List<String> inputs,
    Duration stalenessLimit, List<MartColumn> columns) {

  /** The names of the columns declared PII. */
  public List<String> piiColumns() {
    return columns.stream().filter(MartColumn::pii).map(MartColumn::name).toList();
  }
}
