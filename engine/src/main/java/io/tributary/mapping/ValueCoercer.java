package io.tributary.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.ColumnType;
import io.tributary.core.JsonText;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts a raw source value into the Java type of one {@link ColumnType}, exactly: decimals are never rounded,
 * integers never truncated, timestamps always end up as UTC {@link Instant}s. Built once per output column.
 */
final class ValueCoercer {

  /** Offsets written without a colon, as Salesforce does: {@code 2024-01-15T10:20:30.000+0000}. */
  private static final DateTimeFormatter OFFSET_NO_COLON = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
      .appendPattern("[XX][XXX][X]")
      .toFormatter(Locale.ROOT);
  /** OData v2 / SAP: {@code /Date(1700000000000)/} or {@code /Date(1700000000000+0000)/}. */
  private static final Pattern ODATA_DATE = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private final ColumnType type;
  private final int precision;
  private final int scale;
  private final String format;
  private final DateTimeFormatter pattern;
  private final ZoneId zone;
  private final ObjectMapper json;

  ValueCoercer(ColumnType type, int precision, int scale, String format, ZoneId zone, ObjectMapper json) {
    this.type = type;
    this.precision = precision;
    this.scale = scale;
    this.format = format;
    this.pattern = format == null || format.startsWith("epoch") ? null : DateTimeFormatter.ofPattern(format, Locale.ROOT);
    this.zone = zone;
    this.json = json;
  }

  /** No input pattern or epoch format, and text without an offset read as UTC. */
  boolean plain() {
    return format == null && ZoneOffset.UTC.equals(zone);
  }

  Object coerce(Object raw) {
    if (raw == null) {
      return null;
    }
    if (raw instanceof String s && s.isEmpty() && type != ColumnType.STRING) {
      return null;
    }
    try {
      return coerceNonEmpty(raw);
    } catch (DateTimeException beyondJavaTime) {
      // a date-time so far out that java.time cannot even convert it: outside every warehouse's range too
      throw new InvalidValue("'" + abbreviate(String.valueOf(raw)) + "' is not a " + describe()
          + " a warehouse can hold (" + beyondJavaTime.getMessage() + ")");
    }
  }

  private Object coerceNonEmpty(Object raw) {
    return switch (type) {
      case STRING -> text(raw);
      case INTEGER -> integer(raw);
      case DECIMAL -> decimal(raw);
      case DOUBLE -> dbl(raw);
      case BOOLEAN -> bool(raw);
      case DATE -> WarehouseRange.date(date(raw), raw);
      case TIMESTAMP -> WarehouseRange.timestamp(timestamp(raw), raw);
      case JSON -> jsonText(raw);
    };
  }

  private String text(Object raw) {
    if (raw instanceof Map<?, ?> || raw instanceof Iterable<?>) {
      return jsonText(raw);
    }
    if (raw instanceof BigDecimal bd) {
      return bd.toPlainString();
    }
    return raw.toString();
  }

  private Long integer(Object raw) {
    if (raw instanceof Long l) {
      return l;
    }
    if (raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
      return ((Number) raw).longValue();
    }
    BigDecimal bd = exactNumber(raw, "an integer");
    if (bd.compareTo(LONG_MIN) < 0 || bd.compareTo(LONG_MAX) > 0) {
      throw new InvalidValue(raw, "is outside the 64-bit integer range");
    }
    try {
      return bd.longValueExact();
    } catch (ArithmeticException e) {
      throw new InvalidValue(raw, "is not a whole number");
    }
  }

  private BigDecimal decimal(Object raw) {
    BigDecimal bd = exactNumber(raw, "a decimal number");
    if (precision > 0) {
      BigDecimal scaled;
      try {
        scaled = bd.setScale(scale, RoundingMode.UNNECESSARY);
      } catch (ArithmeticException e) {
        throw new InvalidValue(raw, "has more than " + scale + " decimal places (decimal(" + precision + ","
            + scale + ") would have to round it)");
      }
      if (scaled.precision() - scaled.scale() > precision - scale) {
        throw new InvalidValue(raw, "does not fit decimal(" + precision + "," + scale + ")");
      }
      return scaled;
    }
    return bd;
  }

  private BigDecimal exactNumber(Object raw, String what) {
    if (raw instanceof BigDecimal bd) {
      return bd;
    }
    if (raw instanceof BigInteger bi) {
      return new BigDecimal(bi);
    }
    if (raw instanceof Double || raw instanceof Float) {
      double d = ((Number) raw).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new InvalidValue(raw, "is not " + what);
      }
      // The shortest decimal that round-trips the double: what the source printed, not its binary expansion.
      return new BigDecimal(Double.toString(d));
    }
    if (raw instanceof Number n) {
      return BigDecimal.valueOf(n.longValue());
    }
    String s = raw.toString().trim();
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      throw new InvalidValue(s, "is not " + what);
    }
  }

  private Double dbl(Object raw) {
    double d;
    if (raw instanceof Number n) {
      d = n.doubleValue();
    } else {
      try {
        d = Double.parseDouble(raw.toString().trim());
      } catch (NumberFormatException e) {
        throw new InvalidValue(raw.toString(), "is not a number");
      }
    }
    if (Double.isNaN(d)) {
      throw new InvalidValue(raw.toString(), "is not a number (NaN)");
    }
    if (Double.isInfinite(d)) {
      throw new InvalidValue(raw.toString(), "is beyond the range of a double");
    }
    return d;
  }

  private Boolean bool(Object raw) {
    if (raw instanceof Boolean b) {
      return b;
    }
    String s = raw.toString().trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "true", "t", "yes", "y", "1" -> Boolean.TRUE;
      case "false", "f", "no", "n", "0" -> Boolean.FALSE;
      default -> throw new InvalidValue(s, "is not a boolean (true/false)");
    };
  }

  private LocalDate date(Object raw) {
    WarehouseRange.rejectInfinity(raw, ColumnType.DATE);
    if (raw instanceof LocalDate d) {
      return d;
    }
    if (raw instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (raw instanceof Instant || raw instanceof Date || raw instanceof OffsetDateTime) {
      return timestamp(raw).atZone(ZoneOffset.UTC).toLocalDate();
    }
    String s = raw.toString().trim();
    try {
      if (pattern != null) {
        return LocalDate.parse(s, pattern);
      }
      LocalDate fast = IsoDateTimeFastPath.date(s);
      if (fast != null) {
        return fast;
      }
      Matcher m = s.startsWith("/Date(") ? ODATA_DATE.matcher(s) : null;
      if (m != null && m.matches()) {
        return Instant.ofEpochMilli(Long.parseLong(m.group(1))).atZone(ZoneOffset.UTC).toLocalDate();
      }
      if (s.length() > 10 && s.charAt(10) == 'T') {
        return timestamp(s).atZone(zone).toLocalDate();
      }
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw new InvalidValue(s, "is not a date (" + (format == null ? "yyyy-MM-dd" : format) + ")");
    }
  }

  private Instant timestamp(Object raw) {
    WarehouseRange.rejectInfinity(raw, ColumnType.TIMESTAMP);
    if (raw instanceof Instant i) {
      return i;
    }
    if (raw instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (raw instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    if (raw instanceof LocalDateTime l) {
      return l.atZone(zone).toInstant();
    }
    if (raw instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().atZone(zone).toInstant();
    }
    if (raw instanceof Date d) {
      return d.toInstant();
    }
    if (raw instanceof LocalDate d) {
      return d.atStartOfDay(zone).toInstant();
    }
    if (raw instanceof Number n && format != null && format.startsWith("epoch")) {
      return epoch(n.longValue());
    }
    String s = raw.toString().trim();
    try {
      if ("epoch_ms".equals(format) || "epoch_s".equals(format)) {
        return epoch(Long.parseLong(s));
      }
      if (pattern != null) {
        var parsed = pattern.parseBest(s, ZonedDateTime::from, LocalDateTime::from, LocalDate::from);
        if (parsed instanceof ZonedDateTime z) {
          return z.toInstant();
        }
        if (parsed instanceof LocalDateTime l) {
          return l.atZone(zone).toInstant();
        }
        return ((LocalDate) parsed).atStartOfDay(zone).toInstant();
      }
      Instant fast = IsoDateTimeFastPath.timestamp(s, zone);
      if (fast != null) {
        return fast;
      }
      Matcher m = s.startsWith("/Date(") ? ODATA_DATE.matcher(s) : null;
      if (m != null && m.matches()) {
        return Instant.ofEpochMilli(Long.parseLong(m.group(1)));
      }
      String iso = s.indexOf('T') < 0 && s.length() > 10 && s.charAt(10) == ' ' ? s.replaceFirst(" ", "T") : s;
      var parsed = OFFSET_NO_COLON.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
      if (parsed instanceof OffsetDateTime o) {
        return o.toInstant();
      }
      if (parsed instanceof LocalDateTime l) {
        return l.atZone(zone).toInstant();
      }
    } catch (DateTimeParseException | NumberFormatException e) {
      // fall through to the message below
    }
    if (s.length() == 10) {
      try {
        return LocalDate.parse(s).atStartOfDay(zone).toInstant();
      } catch (DateTimeParseException e) {
        // fall through
      }
    }
    throw new InvalidValue(s, "is not a timestamp (ISO-8601, for example 2024-01-15T10:20:30Z"
        + (format == null ? "" : ", or " + format) + ")");
  }

  private Instant epoch(long value) {
    return "epoch_s".equals(format) ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value);
  }

  private String jsonText(Object raw) {
    if (raw instanceof JsonText valid) {
      return valid.json();
    }
    if (raw instanceof String s) {
      if (!isJson(s)) {
        throw new InvalidValue(s, "is not valid JSON");
      }
      return s;
    }
    try {
      return json.writeValueAsString(raw);
    } catch (JsonProcessingException e) {
      throw new InvalidValue("value of type " + raw.getClass().getSimpleName() + " cannot be written as JSON");
    }
  }

  /**
   * Reads the first JSON value token by token, accepting exactly what {@code readTree} accepts, without building
   * the tree: building it was two thirds of the mapping time of a row with one JSON column.
   */
  private boolean isJson(String s) {
    try (JsonParser parser = json.getFactory().createParser(s)) {
      JsonToken first = parser.nextToken();
      if (first != null) {
        // a container is read to its end; a scalar string is decoded to its closing quote (parsing is lazy)
        parser.skipChildren();
        parser.finishToken();
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  /** For messages: the declared type as written in job files. */
  String describe() {
    return type == ColumnType.DECIMAL && precision > 0
        ? "decimal(" + precision + "," + scale + ")"
        : type.name().toLowerCase(Locale.ROOT);
  }
}
