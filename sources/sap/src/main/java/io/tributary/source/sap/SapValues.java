package io.tributary.source.sap;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns wire values into the core's Java types by the property's EDM type: {@code /Date(ms)/} and
 * {@code /Date(ms+0000)/} (ms are UTC in both; the offset only says which zone the sender meant, [MS-ODATA] 2.2.6.3.1)
 * to an exact {@link Instant} or, for date-only properties, a {@link LocalDate}; decimal strings to
 * {@link BigDecimal} without rounding; Int64 strings to Long. A value that does not parse is left as the wire text,
 * so the record mapper quarantines it with a reason instead of the source dropping or guessing it.
 */
final class SapValues {

  static final Pattern V2_DATE = Pattern.compile("^/Date\\((-?\\d+)([+-]\\d{4})?\\)/$");

  private SapValues() {}

  static Map<String, Object> convert(Map<String, Object> raw, SapEntitySet set) {
    Map<String, Object> out = new LinkedHashMap<>(raw.size());
    raw.forEach((name, value) -> {
      SapProperty p = set == null ? null : set.property(name);
      out.put(name, p == null || value == null ? value : convert(value, p));
    });
    return out;
  }

  static Object convert(Object value, SapProperty p) {
    try {
      return switch (p.columnType()) {
        case TIMESTAMP -> instant(value);
        case DATE -> date(value);
        case DECIMAL -> value instanceof String s ? new BigDecimal(s.trim()) : value;
        case INTEGER -> value instanceof String s ? Long.valueOf(s.trim()) : value;
        case DOUBLE -> value instanceof String s ? Double.valueOf(s.trim()) : value;
        default -> value;
      };
    } catch (NumberFormatException | DateTimeParseException unparseable) {
      return value;
    }
  }

  /** {@code /Date(ms)/}, {@code /Date(ms+0000)/} or an ISO timestamp (v4) to an Instant; else the value unchanged. */
  static Object instant(Object value) {
    if (!(value instanceof String s)) {
      return value;
    }
    Matcher m = V2_DATE.matcher(s.trim());
    if (m.matches()) {
      return Instant.ofEpochMilli(Long.parseLong(m.group(1)));
    }
    return OffsetDateTime.parse(s.trim()).toInstant();
  }

  private static Object date(Object value) {
    if (value instanceof String s && !V2_DATE.matcher(s.trim()).matches()) {
      return LocalDate.parse(s.trim());
    }
    Object i = instant(value);
    return i instanceof Instant instant ? instant.atZone(ZoneOffset.UTC).toLocalDate() : i;
  }
}
