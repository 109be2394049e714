package io.tributary.sink.duckdb;

import io.tributary.sink.jdbc.SqlDialect;
import java.util.Locale;
import java.util.Optional;

/**
 * DuckDB's SQL: its types, names compared in any case, and tables without a PRIMARY KEY: the writer merges by key with
 * DELETE + INSERT itself, and DuckDB 2.0 refuses to change the type of a key column ("Cannot change the type of a
 * column that has a UNIQUE or PRIMARY KEY constraint"), which would block widening a key. One process writes a DuckDB
 * file at a time, so its DDL needs no lock beyond the sink's own.
 */
final class DuckDbDialect extends SqlDialect<DuckDbType> {

  static final DuckDbDialect INSTANCE = new DuckDbDialect();

  /** DuckDB reports every type it has; one Tributary does not write fails when a value is appended to it. */
  private DuckDbDialect() {
    super("DuckDB", DuckDbType::of, (dataType, precision, scale) -> Optional.of(DuckDbType.parse(dataType)));
  }

  @Override
  public String columnKey(String storedName) {
    return storedName.toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean declaresPrimaryKey() {
    return false;
  }
}
