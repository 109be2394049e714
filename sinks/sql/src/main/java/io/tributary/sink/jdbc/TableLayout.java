package io.tributary.sink.jdbc;

import io.tributary.core.SystemColumns;
import java.util.ArrayList;
import java.util.List;

/**
 * A table as chunks load it, after creation or evolution: the stream's columns in {@link io.tributary.core.Row} order
 * (as the warehouse stores their names) with the types the table really has, the primary key, and then the
 * {@link SystemColumns#METADATA} columns.
 */
public record TableLayout<T extends SqlType<T>>(SqlDialect<T> dialect, String schema, String table,
    List<String> columns, List<T> types, List<String> primaryKey) {

  public TableLayout {
    columns = List.copyOf(columns);
    types = List.copyOf(types);
    primaryKey = List.copyOf(primaryKey);
  }

  public String qualified() {
    return dialect.qualified(schema, table);
  }

  /** The stream's columns, then the metadata columns. */
  public List<String> allColumns() {
    List<String> all = new ArrayList<>(columns);
    all.addAll(SystemColumns.METADATA);
    return all;
  }

  /** {@link #allColumns()} quoted, comma-separated: the column list of every COPY and INSERT. */
  public String loadColumnList() {
    return dialect.list(allColumns());
  }

  public String primaryKeyList() {
    return dialect.list(primaryKey);
  }

  public int[] primaryKeyIndexes() {
    return primaryKey.stream().mapToInt(columns::indexOf).toArray();
  }
}
