package io.tributary.sandbox.gainsight;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.sandbox.BooleanExpression;
import io.tributary.sandbox.GeneratedFields;
import io.tributary.sandbox.GeneratedFields.Field;
import io.tributary.sandbox.GeneratedFields.Kind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The request body of a Gainsight read: {@code select}, {@code where} ({@code conditions} with an alias each, joined by
 * {@code expression}) and {@code orderBy}, as in the Company Read API's sample request and the Fetch CTA API's. The
 * query API names a condition's field {@code name}, the CTA API {@code fieldName}. Field names match without case.
 * Date-time filter values may be epoch milliseconds, {@code yyyy-MM-dd HH:mm:ss} (the Retrieve Deleted Data sample;
 * read as UTC, which the docs do not state), {@code yyyy-MM-dd}, {@code MM-dd-yyyy} (the Company Read sample) or an
 * ISO-8601 instant; a picklist filter takes item GSIDs or labels (the Company Read sample filters Stage by label).
 */
final class GainsightQuery {

  private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter US_DAY = DateTimeFormatter.ofPattern("MM-dd-yyyy");

  /** A request Gainsight rejects; rendered as the {@code result: false} envelope. */
  static final class Rejected extends RuntimeException {
    final int status;
    final String code;

    Rejected(int status, String code, String desc) {
      super(desc);
      this.status = status;
      this.code = code;
    }
  }

  private final String object;
  private final Map<String, Kind> kinds = new HashMap<>();
  private final Map<String, String> canonical = new HashMap<>();
  private final Map<String, Boolean> picklists = new HashMap<>();

  GainsightQuery(String object, Iterable<String> extraStrings) {
    this.object = object;
    for (Field f : GainsightRecords.fields(object)) {
      add(f.name(), f.kind());
      picklists.put(key(f.name()), !f.words().isEmpty() && GainsightRecords.PICKLIST.containsKey(f.words().get(0)));
    }
    extraStrings.forEach(name -> add(name, name.equals("IsClosed") ? Kind.FLAG : Kind.WORD));
  }

  private void add(String name, Kind kind) {
    kinds.put(key(name), kind);
    canonical.put(key(name), name);
  }

  /** The field's own spelling; a CONFIG-style rejection for a field the object does not have. */
  String field(String name, String unknownCode, String unknownDesc) {
    String c = name == null ? null : canonical.get(key(name));
    if (c == null) {
      throw new Rejected(400, unknownCode, unknownDesc + name);
    }
    return c;
  }

  /** The rows {@code where} accepts; absent means all. Without {@code expression} the conditions are ANDed. */
  Predicate<Map<String, Object>> where(JsonNode where, String fieldKey) {
    if (where == null || where.isNull() || where.path("conditions").isEmpty()) {
      return v -> true;
    }
    Map<String, Predicate<Map<String, Object>>> byAlias = new HashMap<>();
    List<String> aliases = new ArrayList<>();
    for (JsonNode c : where.path("conditions")) {
      String alias = c.path("alias").asText("");
      byAlias.put(alias.toUpperCase(Locale.ROOT), condition(c, fieldKey));
      aliases.add(alias);
    }
    String expression = where.path("expression").asText("");
    if (expression.isBlank()) {
      expression = String.join(" AND ", aliases);
    }
    try {
      return BooleanExpression.parse(expression, t -> {
        String alias = t.next("a condition alias");
        Predicate<Map<String, Object>> p = byAlias.get(alias.toUpperCase(Locale.ROOT));
        if (p == null) {
          throw new IllegalArgumentException("the expression names alias " + alias + ", which no condition has");
        }
        return p;
      });
    } catch (IllegalArgumentException e) {
      throw new Rejected(400, "GSOBJ_1XXX", "Invalid expression: " + e.getMessage());
    }
  }

  private Predicate<Map<String, Object>> condition(JsonNode c, String fieldKey) {
    String op = c.path("operator").asText("").toUpperCase(Locale.ROOT);
    if (c.path("associatedRecord").asBoolean(false)) {
      List<String> ids = new ArrayList<>();
      c.path("value").forEach(v -> ids.add(v.asText()));
      return v -> ids.contains((String) v.get("CompanyId"));
    }
    String name = field(c.path(fieldKey).asText(null), "GSOBJ_1XXX", "Invalid field in where clause: ");
    Kind kind = kinds.get(key(name));
    List<Object> values = new ArrayList<>();
    JsonNode given = c.path("value");
    if (given.isArray()) {
      given.forEach(v -> values.add(literal(name, kind, v)));
    } else {
      values.add(literal(name, kind, given));
    }
    return switch (op) {
      case "EQ" -> v -> GeneratedFields.compare(v.get(name), first(values)) == 0 && v.get(name) != null;
      case "NE" -> v -> GeneratedFields.compare(v.get(name), first(values)) != 0;
      case "GT" -> v -> v.get(name) != null && GeneratedFields.compare(v.get(name), first(values)) > 0;
      case "GTE" -> v -> v.get(name) != null && GeneratedFields.compare(v.get(name), first(values)) >= 0;
      case "LT" -> v -> v.get(name) != null && GeneratedFields.compare(v.get(name), first(values)) < 0;
      case "LTE" -> v -> v.get(name) != null && GeneratedFields.compare(v.get(name), first(values)) <= 0;
      case "BTW" -> v -> v.get(name) != null && values.size() == 2
          && GeneratedFields.compare(v.get(name), values.get(0)) >= 0
          && GeneratedFields.compare(v.get(name), values.get(1)) <= 0;
      case "IN", "INCLUDES" -> v -> values.stream().anyMatch(x -> GeneratedFields.compare(v.get(name), x) == 0);
      case "NOT_IN" -> v -> values.stream().noneMatch(x -> GeneratedFields.compare(v.get(name), x) == 0);
      case "CONTAINS" -> v -> v.get(name) != null && v.get(name).toString().contains(String.valueOf(first(values)));
      case "IS_NULL" -> v -> v.get(name) == null;
      case "IS_NOT_NULL" -> v -> v.get(name) != null;
      default -> throw new Rejected(400, "GSOBJ_1XXX", "Invalid operator " + op + " for field " + name);
    };
  }

  /** {@code orderBy} as {@code {"Field": "asc"|"desc", ...}} in key order; null when absent. */
  Comparator<Map<String, Object>> orderBy(JsonNode orderBy) {
    if (orderBy == null || !orderBy.isObject() || orderBy.isEmpty()) {
      return null;
    }
    Comparator<Map<String, Object>> order = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = orderBy.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = field(e.getKey(), "GSOBJ_1XXX", "Invalid field in orderBy: ");
      Comparator<Map<String, Object>> c =
          GeneratedFields.orderBy(name, "desc".equalsIgnoreCase(e.getValue().asText("asc")));
      order = order == null ? c : order.thenComparing(c);
    }
    return order;
  }

  private Object literal(String name, Kind kind, JsonNode v) {
    if (v.isNull() || v.isMissingNode()) {
      return null;
    }
    try {
      return switch (kind) {
        case MONEY, COUNT -> new BigDecimal(v.asText());
        case FLAG -> v.isBoolean() ? v.asBoolean() : Boolean.parseBoolean(v.asText());
        case DAY -> v.isNumber() ? LocalDate.ofInstant(Instant.ofEpochMilli(v.asLong()), ZoneOffset.UTC)
            : LocalDate.ofInstant(instant(v.asText()), ZoneOffset.UTC);
        case CREATED, MODIFIED -> v.isNumber() ? Instant.ofEpochMilli(v.asLong()) : instant(v.asText());
        default -> picklists.getOrDefault(key(name), false) ? byLabel(v.asText()) : v.asText();
      };
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new Rejected(400, "GSOBJ_1005", "Invalid dateTime format (" + name + "= " + v.asText() + ")");
    }
  }

  private static Instant instant(String text) {
    if (text.length() == 19 && text.charAt(10) == ' ') {
      return LocalDateTime.parse(text, SPACED).toInstant(ZoneOffset.UTC);
    }
    if (text.length() == 10 && text.charAt(2) == '-') {
      return LocalDate.parse(text, US_DAY).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    if (text.length() == 10) {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    return Instant.parse(text);
  }

  private static String byLabel(String text) {
    return GainsightRecords.PICKLIST.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(text))
        .map(Map.Entry::getKey).findFirst().orElse(text);
  }

  private static Object first(List<Object> values) {
    return values.isEmpty() ? null : values.get(0);
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  String object() {
    return object;
  }
}
