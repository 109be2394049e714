package io.tributary.core;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An unmodifiable record map over a value array and shared {@link FieldNames}: one object and one array per record
 * instead of a hash table with an entry per field. Iterates in field order; null values are kept as present keys, as
 * in the {@code LinkedHashMap} a source would otherwise build.
 */
public final class IndexedFields extends AbstractMap<String, Object> {

  private final FieldNames names;
  private final Object[] values;

  IndexedFields(FieldNames names, Object[] values) {
    this.names = names;
    this.values = values;
  }

  public FieldNames names() {
    return names;
  }

  /** The value in {@code slot} of {@link #names()}. */
  public Object valueAt(int slot) {
    return values[slot];
  }

  @Override
  public Object get(Object key) {
    int slot = names.slot(key);
    return slot < 0 ? null : values[slot];
  }

  @Override
  public boolean containsKey(Object key) {
    return names.slot(key) >= 0;
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < values.length;
          }

          @Override
          public Entry<String, Object> next() {
            if (next >= values.length) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(names.name(i), values[i]);
          }
        };
      }

      @Override
      public int size() {
        return values.length;
      }
    };
  }
}
