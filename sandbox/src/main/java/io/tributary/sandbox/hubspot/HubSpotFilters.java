package io.tributary.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.sandbox.RowState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Evaluates search {@code filterGroups} and {@code sorts} the way HubSpot does: groups are OR-ed, filters in a group
 * AND-ed; number properties compare numerically, datetimes as epoch milliseconds, everything else as
 * case-insensitive text. Sorting {@code hs_object_id} is by its string value, as HubSpot sorts it, so "10" comes
 * before "9".
 */
final class HubSpotFilters {

  private final HubSpotCatalog.ObjectType type;
  private final Function<RowState, Map<String, String>> properties;

  HubSpotFilters(HubSpotCatalog.ObjectType type, Function<RowState, Map<String, String>> properties) {
    this.type = type;
    this.properties = properties;
  }

  /** The value of one property of a row without building every property when it is the stamp or the id. */
  String value(RowState row, String property) {
    if (property.equals(type.modifiedProperty())) {
      return Long.toString(row.modifiedAt().toEpochMilli());
    }
    if (property.equals("hs_object_id")) {
      return type.id(row.index());
    }
    String v = properties.apply(row).get(property);
    HubSpotCatalog.Property p = type.property(property);
    if (v != null && p != null && p.type().equals("datetime")) {
      return Long.toString(Instant.parse(v).toEpochMilli());
    }
    return v;
  }

  boolean matches(RowState row, JsonNode filterGroups) {
    if (filterGroups == null || filterGroups.isEmpty()) {
      return true;
    }
    for (JsonNode group : filterGroups) {
      boolean all = true;
      for (JsonNode f : group.path("filters")) {
        if (!matchesFilter(row, f)) {
          all = false;
          break;
        }
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  private boolean matchesFilter(RowState row, JsonNode f) {
    String property = f.path("propertyName").asText();
    String actual = value(row, property);
    String op = f.path("operator").asText();
    return switch (op) {
      case "HAS_PROPERTY" -> actual != null;
      case "NOT_HAS_PROPERTY" -> actual == null;
      case "EQ" -> actual != null && compare(property, actual, f.path("value").asText()) == 0;
      case "NEQ" -> actual == null || compare(property, actual, f.path("value").asText()) != 0;
      case "GT" -> actual != null && compare(property, actual, f.path("value").asText()) > 0;
      case "GTE" -> actual != null && compare(property, actual, f.path("value").asText()) >= 0;
      case "LT" -> actual != null && compare(property, actual, f.path("value").asText()) < 0;
      case "LTE" -> actual != null && compare(property, actual, f.path("value").asText()) <= 0;
      case "BETWEEN" -> actual != null && compare(property, actual, f.path("value").asText()) >= 0
          && compare(property, actual, f.path("highValue").asText()) <= 0;
      case "IN" -> actual != null && contains(f.path("values"), property, actual);
      case "NOT_IN" -> actual == null || !contains(f.path("values"), property, actual);
      default -> throw new IllegalArgumentException("operator " + op + " is not supported by the sandbox");
    };
  }

  private boolean contains(JsonNode values, String property, String actual) {
    for (JsonNode v : values) {
      if (compare(property, actual, v.asText()) == 0) {
        return true;
      }
    }
    return false;
  }

  private int compare(String property, String actual, String wanted) {
    HubSpotCatalog.Property p = type.property(property);
    String t = p == null ? "string" : p.type();
    if (t.equals("number") || t.equals("datetime") || t.equals("date")) {
      return new BigDecimal(actual).compareTo(new BigDecimal(wanted));
    }
    return actual.toLowerCase(Locale.ROOT).compareTo(wanted.toLowerCase(Locale.ROOT));
  }

  /** The order of one sort rule; ties (and no rule: creation order) fall back to the row index. */
  Comparator<RowState> order(JsonNode sorts) {
    Comparator<RowState> byIndex = Comparator.comparingLong(RowState::index);
    if (sorts == null || sorts.isEmpty()) {
      return Comparator.comparing(RowState::createdAt).thenComparing(byIndex);
    }
    JsonNode rule = sorts.get(0);
    String property = rule.isTextual() ? rule.asText() : rule.path("propertyName").asText();
    boolean descending = rule.path("direction").asText().equals("DESCENDING");
    HubSpotCatalog.Property p = type.property(property);
    boolean numeric = p != null && !property.equals("hs_object_id")
        && (p.type().equals("number") || p.type().equals("datetime"));
    Comparator<RowState> c = numeric
        ? Comparator.comparing((RowState r) -> number(value(r, property)), Comparator.nullsLast(Comparator.naturalOrder()))
        : Comparator.comparing((RowState r) -> value(r, property), Comparator.nullsLast(Comparator.naturalOrder()));
    return (descending ? c.reversed() : c).thenComparing(byIndex);
  }

  private static BigDecimal number(String v) {
    return v == null ? null : new BigDecimal(v);
  }
}
