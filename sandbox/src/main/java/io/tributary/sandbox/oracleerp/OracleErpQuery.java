package io.tributary.sandbox.oracleerp;

import io.tributary.sandbox.RowKey;
import io.tributary.sandbox.oracleerp.OracleErpCatalog.Attribute;
import io.tributary.sandbox.oracleerp.OracleErpCatalog.Kind;
import io.tributary.sandbox.oracleerp.OracleErpCatalog.Resource;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code q} filter and {@code orderBy} of a collection request. {@code q} is a list of comparisons
 * {@code Attribute op value} (op one of {@code = != <> > >= < <=}, value quoted with ' or " or bare), joined by
 * {@code ;} in REST framework version 1 (query by example) and by {@code and} from version 2 (rowmatch expressions),
 * as "Understanding REST API Framework Version Support" describes; the simulator supports only conjunctions.
 * {@code orderBy} is {@code Attr[:asc|:desc],...}. Invalid input throws {@link IllegalArgumentException} whose message
 * the routes return as the 400 detail.
 */
final class OracleErpQuery {

  private static final Pattern COMPARISON = Pattern.compile(
      "\\s*([A-Za-z][A-Za-z0-9]*)\\s*(<>|!=|>=|<=|=|>|<)\\s*('[^']*'|\"[^\"]*\"|[^\\s;]+)\\s*");

  private record Condition(Attribute attribute, String op, Comparable<Object> value) {}

  private final List<Condition> conditions;
  private final Comparator<Map<String, Object>> order;
  private final boolean keyOrder;

  private OracleErpQuery(List<Condition> conditions, Comparator<Map<String, Object>> order, boolean keyOrder) {
    this.conditions = conditions;
    this.order = order;
    this.keyOrder = keyOrder;
  }

  static OracleErpQuery parse(Resource resource, String q, String orderBy, int frameworkVersion) {
    List<Condition> conditions = new ArrayList<>();
    if (q != null && !q.isBlank()) {
      String[] parts = frameworkVersion >= 2 ? q.split("(?i)\\s+and\\s+") : q.split(";");
      for (String part : parts) {
        conditions.add(condition(resource, part, q));
      }
    }
    List<String[]> keys = new ArrayList<>();
    Comparator<Map<String, Object>> order = null;
    if (orderBy != null && !orderBy.isBlank()) {
      for (String item : orderBy.split(",")) {
        String[] p = item.trim().split(":");
        Attribute a = resource.attribute(p[0]);
        String dir = p.length > 1 ? p[1].toLowerCase(Locale.ROOT) : "asc";
        if (a == null || p.length > 2 || !(dir.equals("asc") || dir.equals("desc"))) {
          throw new IllegalArgumentException("The orderBy value " + item.trim() + " is not valid. Use Attribute:asc or"
              + " Attribute:desc with an attribute of " + resource.name() + ".");
        }
        keys.add(new String[] {a.name(), dir});
        Comparator<Map<String, Object>> c = Comparator.comparing(m -> comparable(m.get(a.name())),
            Comparator.nullsFirst(Comparator.naturalOrder()));
        c = dir.equals("desc") ? c.reversed() : c;
        order = order == null ? c : order.thenComparing(c);
      }
    }
    // The dataset iterates in (LastUpdateDate, key) order: no sort needed when that is what was asked for.
    boolean natural = keys.isEmpty() || (keys.get(0)[0].equals(OracleErpCatalog.LAST_UPDATE_DATE)
        && keys.get(0)[1].equals("asc") && (keys.size() == 1
        || keys.size() == 2 && keys.get(1)[0].equals(resource.key()) && keys.get(1)[1].equals("asc")));
    return new OracleErpQuery(conditions, order, natural);
  }

  private static Condition condition(Resource resource, String text, String q) {
    Matcher m = COMPARISON.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("URL request parameter q with value " + q + " is not valid: cannot parse '"
          + text.trim() + "'.");
    }
    Attribute a = resource.attribute(m.group(1));
    if (a == null) {
      throw new IllegalArgumentException("URL request parameter q with value " + q + " is not valid: attribute "
          + m.group(1) + " is not an attribute of " + resource.name() + ".");
    }
    String raw = m.group(3);
    if (raw.length() >= 2 && (raw.startsWith("'") || raw.startsWith("\""))) {
      raw = raw.substring(1, raw.length() - 1);
    }
    try {
      return new Condition(a, m.group(2), comparable(literal(a.kind(), raw)));
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException("URL request parameter q with value " + q + " is not valid: " + raw
          + " is not a valid " + a.kind().name().toLowerCase(Locale.ROOT) + " for " + a.name() + ".");
    }
  }

  private static Object literal(Kind kind, String raw) {
    return switch (kind) {
      case INTEGER -> Long.parseLong(raw);
      case NUMBER -> new BigDecimal(raw);
      case DATE -> LocalDate.parse(raw.length() > 10 ? raw.substring(0, 10) : raw);
      case DATETIME -> raw.length() == 10 ? LocalDate.parse(raw).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)
          : OffsetDateTime.parse(raw).toInstant();
      case TEXT -> raw;
    };
  }

  @SuppressWarnings("unchecked")
  private static Comparable<Object> comparable(Object value) {
    return (Comparable<Object>) value;
  }

  /** True when the row's values satisfy every comparison (a null never does). */
  Predicate<Map<String, Object>> predicate() {
    return row -> conditions.stream().allMatch(c -> {
      Comparable<Object> v = comparable(row.get(c.attribute().name()));
      if (v == null) {
        return false;
      }
      int cmp = v.compareTo(c.value());
      return switch (c.op()) {
        case "=" -> cmp == 0;
        case "!=", "<>" -> cmp != 0;
        case ">" -> cmp > 0;
        case ">=" -> cmp >= 0;
        case "<" -> cmp < 0;
        default -> cmp <= 0;
      };
    });
  }

  /** A bound strictly below every row the LastUpdateDate comparisons admit, so the scan can start there. */
  RowKey scanFrom() {
    Instant from = null;
    for (Condition c : conditions) {
      if (c.attribute().name().equals(OracleErpCatalog.LAST_UPDATE_DATE) && c.op().startsWith(">")) {
        Instant at = (Instant) (Object) c.value();
        from = from == null || at.isAfter(from) ? at : from;
      }
    }
    return from == null ? null : RowKey.before(from);
  }

  /** The order to sort in, or null when the dataset's own (LastUpdateDate, key) order is the one asked for. */
  Comparator<Map<String, Object>> sort() {
    return keyOrder ? null : order;
  }
}
