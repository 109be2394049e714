package io.tributary.mart.read;

import io.tributary.mart.MartDeclaration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Masks result columns named like a column the dictionary declares PII (in any of the job's marts), unless the
 * reader was started with {@code --show-pii}. It matches result column names: a query that renames a PII column
 * ({@code SELECT email AS e}) is not caught, which docs/agents.md states; marts keep PII out where they can.
 */
public final class PiiMask {

  public static final String MASK = "***";
  private final Set<String> pii;

  public PiiMask(List<MartDeclaration> declarations, boolean showPii) {
    this.pii = showPii ? Set.of() : declarations.stream().flatMap(d -> d.piiColumns().stream())
        .map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }

  public QueryResult apply(QueryResult result) {
    if (pii.isEmpty()) {
      return result;
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> row : result.rows()) {
      Map<String, Object> masked = new LinkedHashMap<>(row);
      masked.replaceAll((k, v) -> v != null && pii.contains(k.toLowerCase(Locale.ROOT)) ? MASK : v);
      rows.add(masked);
    }
    return new QueryResult(result.columns(), rows, result.truncated());
  }
}
