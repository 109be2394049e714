package io.tributary.mapping;

import java.util.List;
import java.util.Map;

/**
 * Explains why a mapped field found no value when the record's shape differs from the mapping: the field's parent
 * ({@code total} of {@code total.amount}) is a scalar or a list instead of an object, or the field itself is an
 * object (flattened to {@code total.amount.value}) instead of a value. Without this the value would load as a silent
 * null.
 */
final class ShapeMismatch {

  private ShapeMismatch() {}

  /** The reason, or null when the field is simply absent or null. Only called for a null lookup. */
  static String explain(Map<String, Object> flat, String from, boolean flattened) {
    int dot = from.indexOf('.');
    while (dot > 0) {
      String parent = from.substring(0, dot);
      Object v = flat.get(parent);
      if (v != null) {
        return from + " not found: " + parent + " is " + kind(v) + ", not an object";
      }
      dot = from.indexOf('.', dot + 1);
    }
    if (flattened) {
      String prefix = from + ".";
      for (String key : flat.keySet()) {
        if (key.startsWith(prefix)) {
          return from + " is an object (" + key + "...), not a value; map a field inside it";
        }
      }
    }
    return null;
  }

  /** The nested object at a dotted path of the unflattened record, or null. */
  @SuppressWarnings("unchecked")
  static Object objectAt(Map<String, Object> fields, String from) {
    Object v = fields;
    for (String part : from.split("\\.")) {
      if (!(v instanceof Map<?, ?> m)) {
        return null;
      }
      v = ((Map<String, Object>) m).get(part);
    }
    return v instanceof Map<?, ?> ? v : null;
  }

  private static String kind(Object v) {
    if (v instanceof List<?>) {
      return "a list";
    }
    if (v instanceof Number) {
      return "a number";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    return "a text";
  }
}
