package io.tributary.source.sap;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Builds the {@code $filter} and {@code $orderby} of a key-ordered read: order by the change field (if any) and
 * then every key property, and resume strictly after a position with the lexicographic expansion
 * {@code C gt X or (C eq X and (K1 gt 'a' or (K1 eq 'a' and K2 gt 'b')))}, so rows sharing a timestamp are never
 * dropped at a page or run boundary. Literals follow the OData URI conventions of the version (v2: [MS-ODATA]
 * 2.2.2 {@code datetimeoffset'..'}, {@code datetime'..'}, {@code guid'..'}, {@code 1.5M}, {@code 7L}; v4: OData
 * URL Conventions 4.01 section 5.1.1.6, unquoted ISO dates and GUIDs).
 */
record SapFilter(SapODataVersion version, SapEntitySet set, List<String> order) {

  private static final DateTimeFormatter V2_DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  SapFilter {
    order = List.copyOf(order);
  }

  String orderBy() {
    StringJoiner j = new StringJoiner(",");
    order.forEach(f -> j.add(f + " asc"));
    return j.toString();
  }

  /** Rows strictly after {@code position} (one value per order field, as cursor strings). */
  String after(Map<String, String> position) {
    return after(0, position);
  }

  private String after(int i, Map<String, String> position) {
    String field = order.get(i);
    String gt = field + " gt " + literal(field, position.get(field));
    if (i == order.size() - 1) {
      return gt;
    }
    return gt + " or (" + field + " eq " + literal(field, position.get(field)) + " and (" + after(i + 1, position)
        + "))";
  }

  /** Rows whose change field is at or after {@code from} (a lookback re-read). */
  String atOrAfter(String field, String from) {
    return field + " ge " + literal(field, from);
  }

  String literal(String field, String value) {
    SapProperty p = set.property(field);
    String type = p == null ? "Edm.String" : p.edmType();
    boolean v2 = version == SapODataVersion.V2;
    return switch (type) {
      case "Edm.DateTimeOffset" -> v2 ? "datetimeoffset'" + instant(value) + "'" : instant(value).toString();
      case "Edm.DateTime" -> "datetime'" + V2_DATETIME.format(instant(value)) + "'";
      case "Edm.Date" -> value;
      case "Edm.Guid" -> v2 ? "guid'" + value + "'" : value;
      case "Edm.Decimal" -> v2 ? value + "M" : value;
      case "Edm.Int64" -> v2 ? value + "L" : value;
      case "Edm.Int16", "Edm.Int32", "Edm.Byte", "Edm.SByte", "Edm.Double", "Edm.Boolean" -> value;
      default -> "'" + value.replace("'", "''") + "'";
    };
  }

  /** A cursor value for a date-only field is a LocalDate; it stands for midnight UTC on the wire. */
  private static Instant instant(String value) {
    return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
        : Instant.parse(value);
  }
}
