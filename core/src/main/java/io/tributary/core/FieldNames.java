package io.tributary.core;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The field names of a stream's records, in order, shared by every {@link IndexedFields} record of one page or
 * stream. Sources with a fixed column list (JDBC result sets, CSV headers) build it once and store each record as a
 * plain value array; the mapper resolves each output field to a slot once per {@code FieldNames} instead of hashing
 * names for every record.
 */
public final class FieldNames {

  private final String[] names;
  private final Map<String, Integer> slots;

  public FieldNames(List<String> names) {
    this.names = names.toArray(String[]::new);
    this.slots = new HashMap<>(this.names.length * 2);
    for (int i = 0; i < this.names.length; i++) {
      if (slots.putIfAbsent(this.names[i], i) != null) {
        throw new IllegalArgumentException("duplicate field name '" + this.names[i] + "' in " + names);
      }
    }
  }

  public int size() {
    return names.length;
  }

  public String name(int slot) {
    return names[slot];
  }

  /** The slot of a field by exact name, or -1. */
  public int slot(Object name) {
    Integer s = slots.get(name);
    return s == null ? -1 : s;
  }

  /** A record over {@code values}, which must have one value per name and is not copied. */
  public IndexedFields record(Object[] values) {
    if (values.length != names.length) {
      throw new IllegalArgumentException(values.length + " values for " + names.length + " fields "
          + Arrays.toString(names));
    }
    return new IndexedFields(this, values);
  }
}
