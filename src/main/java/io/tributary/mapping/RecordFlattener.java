package io.tributary.mapping;

import java.util.LinkedHashMap;
import java.util.Map;

/** Flattens nested objects into dotted keys: {@code {Owner: {Name: x}}} → {@code {Owner.Name: x}}. Lists stay whole. */
final class RecordFlattener {

  private RecordFlattener() {}

  static Map<String, Object> flatten(Map<String, Object> fields) {
    boolean nested = false;
    for (Object v : fields.values()) {
      if (v instanceof Map<?, ?>) {
        nested = true;
        break;
      }
    }
    if (!nested) {
      return fields;
    }
    Map<String, Object> flat = new LinkedHashMap<>();
    put(flat, "", fields);
    return flat;
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
