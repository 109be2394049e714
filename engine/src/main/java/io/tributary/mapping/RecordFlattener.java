package io.tributary.mapping;

import io.tributary.core.IndexedFields;
import java.util.LinkedHashMap;
import java.util.Map;

/** Flattens nested objects into dotted keys: {@code {Owner: {Name: x}}} → {@code {Owner.Name: x}}. Lists stay whole. */
final class RecordFlattener {

  private RecordFlattener() {}

  static Map<String, Object> flatten(Map<String, Object> fields) {
    if (!nested(fields)) {
      return fields;
    }
    Map<String, Object> flat = new LinkedHashMap<>();
    put(flat, "", fields);
    return flat;
  }

  private static boolean nested(Map<String, Object> fields) {
    if (fields instanceof IndexedFields indexed) {
      for (int i = 0; i < indexed.size(); i++) {
        if (indexed.valueAt(i) instanceof Map<?, ?>) {
          return true;
        }
      }
      return false;
    }
    for (Object v : fields.values()) {
      if (v instanceof Map<?, ?>) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> flat, String prefix, Map<String, Object> fields) {
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue() instanceof Map<?, ?> m) {
        put(flat, key, (Map<String, Object>) m);
      } else {
        flat.put(key, e.getValue());
      }
    }
  }
}
