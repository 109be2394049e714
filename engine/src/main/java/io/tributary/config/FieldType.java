package io.tributary.config;

import io.tributary.core.ColumnType;
import io.tributary.core.TributaryException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A field's declared type: {@code string}, {@code decimal(18,2)}, {@code timestamp}... */
public record FieldType(ColumnType type, int precision, int scale) {

  private static final Pattern DECIMAL = Pattern.compile("(decimal|numeric)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");
  private static final String KNOWN = "string, integer, decimal(p,s), double, boolean, date, timestamp, json";

  public static FieldType parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = DECIMAL.matcher(t);
    if (m.matches()) {
      int p = Integer.parseInt(m.group(2));
      int s = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
      if (p < 1 || p > 38 || s > p) {
        throw TributaryException.config(
            "type '" + text + "' has an invalid precision/scale", "use decimal(p,s) with 1 ≤ p ≤ 38 and s ≤ p");
      }
      return new FieldType(ColumnType.DECIMAL, p, s);
    }
    ColumnType type = switch (t) {
      case "string", "text", "varchar" -> ColumnType.STRING;
      case "integer", "int", "bigint", "long" -> ColumnType.INTEGER;
      case "decimal", "numeric" -> ColumnType.DECIMAL;
      case "double", "float" -> ColumnType.DOUBLE;
      case "boolean", "bool" -> ColumnType.BOOLEAN;
      case "date" -> ColumnType.DATE;
      case "timestamp", "datetime" -> ColumnType.TIMESTAMP;
      case "json" -> ColumnType.JSON;
      default -> throw TributaryException.config("unknown type '" + text + "'", "use one of: " + KNOWN);
    };
    return new FieldType(type, 0, 0);
  }
}
