package io.tributary.source.netsuite;

import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.StreamSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one stream reads: a SuiteQL table, its unique numeric key (the keyset past the 100,000-result cap), its
 * last-modified datetime column (incremental reads), its columns and an optional extra WHERE condition.
 */
record NetSuiteStream(String name, String table, String key, String modified, Map<String, ColumnType> columns,
    String where) {

  StreamSchema schema() {
    List<Column> cols = new ArrayList<>();
    columns.forEach((n, t) -> cols.add(t == ColumnType.DECIMAL ? Column.decimal(n, 38, 9) : Column.of(n, t)));
    return new StreamSchema(name, cols, List.of(key));
  }
}
