package io.tributary.source.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.TributaryException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * Maps describe field types to neutral columns and converts wire values to the column's Java type.
 *
 * <p>Decision on {@code double}: a describe {@code double} with a precision (custom Number(p,s) fields, geolocation
 * latitude 18/15) is DECIMAL(p,s), because Salesforce stores such numbers as fixed-point decimals and a warehouse
 * double would lose digits; without a precision it is DOUBLE.
 */
public final class SalesforceTypes {

  /** REST writes {@code +0000}; Bulk CSV writes {@code Z}; both are accepted. */
  private static final DateTimeFormatter DATETIME = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
      .optionalStart().appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .appendOffset("+HHMM", "Z")
      .toFormatter();

  private SalesforceTypes() {}

  /** The column for one {@code fields[]} entry of a describe response. */
  public static Column column(JsonNode field) {
    return column(field.path("name").asText(), field.path("type").asText(), field.path("length").asInt(0),
        field.path("precision").asInt(0), field.path("scale").asInt(0), field.path("nillable").asBoolean(true));
  }

  public static Column column(String name, String type, int length, int precision, int scale, boolean nillable) {
    ColumnType t = type(type, precision);
    int p = switch (t) {
      case STRING -> length;
      case DECIMAL -> precision;
      default -> 0;
    };
    return new Column(name, t, p, t == ColumnType.DECIMAL ? scale : 0, nillable);
  }

  /** The neutral type of a describe type; unknown types are STRING (the value is kept as text). */
  public static ColumnType type(String describeType, int precision) {
    return switch (describeType) {
      case "currency", "percent" -> ColumnType.DECIMAL;
      case "double" -> precision > 0 ? ColumnType.DECIMAL : ColumnType.DOUBLE;
      case "int", "long" -> ColumnType.INTEGER;
      case "boolean" -> ColumnType.BOOLEAN;
      case "date" -> ColumnType.DATE;
      case "datetime" -> ColumnType.TIMESTAMP;
      case "address", "location", "complexvalue" -> ColumnType.JSON;
      default -> ColumnType.STRING;
    };
  }

  /** Parses a Salesforce datetime ({@code 2024-01-15T10:20:30.000+0000} or {@code ...000Z}). */
  public static Instant parseDateTime(String text) {
    return OffsetDateTime.parse(text, DATETIME).toInstant();
  }

  /**
   * Converts a wire value (from {@link SoqlQueryPage} or {@link BulkResultCsv}) to the column's Java type. A value
   * that does not fit is a RECORD failure naming the field, so the record is quarantined.
   */
  public static Object convert(Column column, Object raw) {
    if (raw == null) {
      return null;
    }
    String text = raw.toString();
    try {
      return switch (column.type()) {
        case STRING, JSON -> text;
        case DECIMAL -> raw instanceof BigDecimal d ? d : new BigDecimal(text);
        case DOUBLE -> raw instanceof Number n ? n.doubleValue() : Double.parseDouble(text);
        case INTEGER -> raw instanceof Long l ? l : new BigDecimal(text).longValueExact();
        case BOOLEAN -> raw instanceof Boolean b ? b : bool(text);
        case DATE -> LocalDate.parse(text);
        case TIMESTAMP -> parseDateTime(text);
      };
    } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
      throw TributaryException.record("field " + column.name() + " has value '" + clip(text) + "', which is not a "
          + column.type().name().toLowerCase() + " as the describe says");
    }
  }

  private static Boolean bool(String text) {
    if (text.equalsIgnoreCase("true")) {
      return true;
    }
    if (text.equalsIgnoreCase("false")) {
      return false;
    }
    throw new NumberFormatException(text);
  }

  private static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
