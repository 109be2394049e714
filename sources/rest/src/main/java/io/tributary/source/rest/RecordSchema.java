package io.tributary.source.rest;

import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.StreamSchema;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A stream's columns: the definition's declared {@code schema.fields}, or inferred from sample records (nested objects
 * become dotted columns, as the engine flattens them; lists become JSON; a text that reads as a time becomes a
 * timestamp). A column seen only as null is text.
 */
final class RecordSchema {

  static final Map<String, ColumnType> TYPES;

  static {
    Map<String, ColumnType> m = new LinkedHashMap<>();
    for (ColumnType t : ColumnType.values()) {
      m.put(t.name().toLowerCase(Locale.ROOT), t);
    }
    TYPES = java.util.Collections.unmodifiableMap(m);
  }

  private RecordSchema() {}

  static StreamSchema declared(String stream, Map<String, String> fields, List<String> primaryKey) {
    List<Column> columns = fields.entrySet().stream()
        .map(e -> Column.of(e.getKey(), TYPES.get(e.getValue().toLowerCase(Locale.ROOT)))).toList();
    return new StreamSchema(stream, columns, primaryKey);
  }

  /**
   * Columns from a platform's field list: each element's {@code name} field with its vendor type mapped by
   * {@code types} (string when unmapped); primary key fields the list lacks come first, as text.
   */
  static StreamSchema described(String stream, com.fasterxml.jackson.databind.JsonNode list,
      RestDefinition.MetadataSpec m, List<String> primaryKey) {
    Map<String, ColumnType> types = new LinkedHashMap<>();
    primaryKey.forEach(k -> types.put(k, ColumnType.STRING));
    for (com.fasterxml.jackson.databind.JsonNode f : list) {
      String name = f.path(m.name()).asText("");
      if (!name.isEmpty()) {
        String ours = m.types().getOrDefault(f.path(m.type()).asText(""), "string");
        types.put(name, TYPES.get(ours.toLowerCase(Locale.ROOT)));
      }
    }
    List<Column> columns = types.entrySet().stream().map(e -> Column.of(e.getKey(), e.getValue())).toList();
    return new StreamSchema(stream, columns, primaryKey);
  }

  static StreamSchema inferred(String stream, List<Map<String, Object>> sample, List<String> primaryKey) {
    Map<String, ColumnType> types = new LinkedHashMap<>();
    for (Map<String, Object> record : sample) {
      collect("", record, types);
    }
    List<Column> columns = types.entrySet().stream()
        .map(e -> Column.of(e.getKey(), e.getValue() == null ? ColumnType.STRING : e.getValue())).toList();
    return new StreamSchema(stream, columns, primaryKey);
  }

  @SuppressWarnings("unchecked")
  private static void collect(String prefix, Map<String, Object> record, Map<String, ColumnType> types) {
    for (Map.Entry<String, Object> e : record.entrySet()) {
      String name = prefix + e.getKey();
      if (e.getValue() instanceof Map<?, ?> nested) {
        collect(name + ".", (Map<String, Object>) nested, types);
        continue;
      }
      ColumnType seen = typeOf(e.getValue());
      ColumnType known = types.get(name);
      types.put(name, known == null ? seen : seen == null ? known : widen(known, seen));
    }
  }

  private static ColumnType typeOf(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Boolean) {
      return ColumnType.BOOLEAN;
    }
    if (v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger) {
      return ColumnType.INTEGER;
    }
    if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
      return ColumnType.DOUBLE;
    }
    if (v instanceof List<?>) {
      return ColumnType.JSON;
    }
    String s = v.toString();
    return s.length() >= 16 && s.charAt(4) == '-' && CursorFormat.instant(s) != null
        ? ColumnType.TIMESTAMP : ColumnType.STRING;
  }

  private static ColumnType widen(ColumnType a, ColumnType b) {
    if (a == b) {
      return a;
    }
    if ((a == ColumnType.INTEGER || a == ColumnType.DOUBLE) && (b == ColumnType.INTEGER || b == ColumnType.DOUBLE)) {
      return ColumnType.DOUBLE;
    }
    return a == ColumnType.JSON || b == ColumnType.JSON ? ColumnType.JSON : ColumnType.STRING;
  }
}
