package io.tributary.sink.bigquery;

import com.google.cloud.bigquery.StandardSQLTypeName;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A target table as the writer loads it after creation or evolution: the stream's columns in
 * {@link io.tributary.core.Row} order with the types the table really has, the primary key, and the metadata
 * columns Tributary adds.
 */
record BigQueryTableLayout(String project, String dataset, String table, List<String> columns,
    List<StandardSQLTypeName> types, List<String> primaryKey) {

  BigQueryTableLayout {
    columns = List.copyOf(columns);
    types = List.copyOf(types);
    primaryKey = List.copyOf(primaryKey);
  }

  /** {@code `project.dataset.table`}: names are validated plain identifiers, so backticks are all they need. */
  static String qualified(String project, String dataset, String table) {
    return "`" + project + "." + dataset + "." + table + "`";
  }

  String qualified() {
    return qualified(project, dataset, table);
  }

  static String quote(String column) {
    return "`" + column + "`";
  }

  static String list(List<String> names) {
    return names.stream().map(BigQueryTableLayout::quote).collect(Collectors.joining(", "));
  }
}
