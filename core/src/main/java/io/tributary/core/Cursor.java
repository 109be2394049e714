package io.tributary.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A small, plain, key-based position in a stream: for example {@code {updated_at=..., id=...}}, an {@code after}
 * token or a {@code nextRecordsUrl}. Never a page number. Cursors are stored in the Spring Batch ExecutionContext and
 * in the warehouse state table, so they hold strings only and must never contain a secret or token.
 */
public record Cursor(Map<String, String> values) {

  public static final Cursor START = new Cursor(Map.of());

  public Cursor {
    // Keeps the source's key order, so stored cursors read naturally; null keys or values are rejected.
    Objects.requireNonNull(values, "values").forEach((k, v) -> Objects.requireNonNull(v, "cursor value of " + k));
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static Cursor of(String key, String value) {
    return new Cursor(Map.of(key, value));
  }

  public static Cursor of(String k1, String v1, String k2, String v2) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return new Cursor(m);
  }

  public String get(String key) {
    return values.get(key);
  }

  public boolean isStart() {
    return values.isEmpty();
  }

  public Cursor with(String key, String value) {
    Map<String, String> m = new LinkedHashMap<>(values);
    m.put(key, value);
    return new Cursor(m);
  }
}
