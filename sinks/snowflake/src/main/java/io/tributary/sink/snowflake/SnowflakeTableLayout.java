package io.tributary.sink.snowflake;

import static io.tributary.sink.snowflake.SnowflakeNames.list;

import java.util.ArrayList;
import java.util.List;

/**
 * A target table as the writer loads it after creation or evolution: the stream's columns in
 * {@link io.tributary.core.Row} order (stored upper-case) with the types the table really has, the primary key, and
 * the metadata columns Tributary adds.
 */
record SnowflakeTableLayout(String schema, String table, List<String> columns, List<SnowflakeType> types,
    List<String> primaryKey) {

  static final String EXTRACTED_AT = "_TRIBUTARY_EXTRACTED_AT";
  static final String RUN_ID = "_TRIBUTARY_RUN_ID";
  static final String DELETED = "_TRIBUTARY_DELETED";
  static final String SEQ = "_TRIBUTARY_SEQ";
  static final List<String> METADATA = List.of(EXTRACTED_AT, RUN_ID, DELETED);

  SnowflakeTableLayout {
    columns = List.copyOf(columns);
    types = List.copyOf(types);
    primaryKey = List.copyOf(primaryKey);
  }

  String qualified() {
    return SnowflakeNames.qualified(schema, table);
  }

  /** Stream columns then metadata columns, quoted: the column list of the target. */
  String loadColumnList() {
    return list(columns) + ", " + list(METADATA);
  }

  /** The staging table's columns: the target's, then the load ordinal that decides "last row of a key wins". */
  String stagingColumnList() {
    return loadColumnList() + ", " + SnowflakeNames.quote(SEQ);
  }

  List<String> allColumns() {
    List<String> all = new ArrayList<>(columns);
    all.addAll(METADATA);
    return all;
  }
}
