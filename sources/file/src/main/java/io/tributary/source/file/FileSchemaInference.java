package io.tributary.source.file;

import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Infers a stream schema from the first records of a file. CSV columns are all STRING (the job's field mapping
 * declares real types). JSONL values give INTEGER, DECIMAL, BOOLEAN or STRING; nested objects are flattened to
 * {@code parent_child} columns as the engine flattens records; arrays are JSON. A column seen with two kinds of
 * value becomes DECIMAL (integer and decimal) or STRING (anything else). {@code _raw}/{@code _error} records are
 * ignored;
 * a column only ever null is STRING.
 */
final class FileSchemaInference {

  static final int SAMPLE_RECORDS = 100;

  private final Map<String, ColumnType> types = new LinkedHashMap<>();

  static List<Column> infer(RecordFile file, FileFormat format) {
    FileSchemaInference inference = new FileSchemaInference();
    for (int i = 0; i < SAMPLE_RECORDS; i++) {
      Map<String, Object> fields = file.next();
      if (fields == null) {
        break;
      }
      if (!fields.containsKey(RecordFile.ERROR)) {
        inference.add("", fields, format);
      }
    }
    return inference.types.entrySet().stream().map(e -> e.getValue() == null
        ? Column.of(e.getKey(), ColumnType.STRING) : Column.of(e.getKey(), e.getValue())).toList();
  }

  @SuppressWarnings("unchecked")
  private void add(String prefix, Map<String, Object> fields, FileFormat format) {
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      String name = prefix + e.getKey();
      Object value = e.getValue();
      if (value instanceof Map<?, ?> nested) {
        add(name + "_", (Map<String, Object>) nested, format);
        continue;
      }
      ColumnType seen = format == FileFormat.CSV ? ColumnType.STRING : typeOf(value);
      if (seen == null) {
        types.putIfAbsent(name, null); // keeps the column's place; another record may type it
      } else {
        types.merge(name, seen, FileSchemaInference::widen); // merge replaces a null placeholder
      }
    }
  }

  private static ColumnType typeOf(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof java.math.BigInteger) {
      return ColumnType.INTEGER;
    }
    if (value instanceof BigDecimal || value instanceof Double) {
      return ColumnType.DECIMAL;
    }
    if (value instanceof Boolean) {
      return ColumnType.BOOLEAN;
    }
    if (value instanceof List<?>) {
      return ColumnType.JSON;
    }
    return ColumnType.STRING;
  }

  private static ColumnType widen(ColumnType a, ColumnType b) {
    if (a == b) {
      return a;
    }
    boolean numeric = (a == ColumnType.INTEGER || a == ColumnType.DECIMAL)
        && (b == ColumnType.INTEGER || b == ColumnType.DECIMAL);
    return numeric ? ColumnType.DECIMAL : ColumnType.STRING;
  }
}
