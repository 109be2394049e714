package io.tributary.core;

import java.util.Objects;

/**
 * One column of a stream schema.
 *
 * @param name column name as the warehouse will see it (already flattened and renamed)
 * @param type neutral type
 * @param precision total digits for DECIMAL, max length for STRING, 0 when unknown
 * @param scale digits after the point for DECIMAL, else 0
 * @param nullable whether nulls are allowed
 */
public record Column(String name, ColumnType type, int precision, int scale, boolean nullable) {

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  public static Column of(String name, ColumnType type) {
    return new Column(name, type, 0, 0, true);
  }

  public static Column decimal(String name, int precision, int scale) {
    return new Column(name, ColumnType.DECIMAL, precision, scale, true);
  }

  public Column withName(String newName) {
    return new Column(newName, type, precision, scale, nullable);
  }

  public Column withType(ColumnType newType, int newPrecision, int newScale) {
    return new Column(name, newType, newPrecision, newScale, nullable);
  }

  public Column notNull() {
    return new Column(name, type, precision, scale, false);
  }
}
