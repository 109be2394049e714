package io.tributary.core;

import com.fasterxml.jackson.databind.JsonNode;

/** How a source that reads JSON turns one field of a vendor's record into a record value. */
public final class JsonValues {

  private JsonValues() {}

  /**
   * null (or absent) as null, booleans as Boolean, whole numbers as Long (BigDecimal past 64 bits, never wrapped),
   * other numbers as BigDecimal (no binary rounding), text as String, and objects or arrays as their JSON text (the
   * engine keeps those as JSON columns).
   */
  public static Object of(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return null;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isIntegralNumber()) {
      return v.canConvertToLong() ? (Object) v.longValue() : v.decimalValue();
    }
    if (v.isNumber()) {
      return v.decimalValue();
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }
}
