package io.tributary.sink.postgres;

import static io.tributary.core.Identifiers.quote;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A table as the writer loads it, after creation or evolution: the stream's columns in {@link io.tributary.core.Row}
 * order with the types the table really has, the primary key, and the metadata columns Tributary adds.
 */
record PostgresTableLayout(String schema, String table, List<String> columns, List<PostgresType> types,
    List<String> primaryKey) {

  static final String EXTRACTED_AT = "_tributary_extracted_at";
  static final String RUN_ID = "_tributary_run_id";
  static final String DELETED = "_tributary_deleted";
  static final List<String> METADATA = List.of(EXTRACTED_AT, RUN_ID, DELETED);

  PostgresTableLayout {
    columns = List.copyOf(columns);
    types = List.copyOf(types);
    primaryKey = List.copyOf(primaryKey);
  }

  String qualified() {
    return quote(schema) + "." + quote(table);
  }

  /** Stream columns then metadata columns, quoted, comma-separated: the column list of every COPY and INSERT. */
  String loadColumnList() {
    return quotedList(columns) + ", " + quotedList(METADATA);
  }

  String primaryKeyList() {
    return quotedList(primaryKey);
  }

  int[] primaryKeyIndexes() {
    return primaryKey.stream().mapToInt(columns::indexOf).toArray();
  }

  static String quotedList(List<String> names) {
    return names.stream().map(n -> quote(n)).collect(Collectors.joining(", "));
  }
}
