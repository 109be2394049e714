package io.tributary.core;

/**
 * The warehouse-neutral column types a stream schema uses. Each sink maps them to its own DDL types.
 *
 * <p>Values carried in {@link SourceRecord} and {@link Row} use these Java types: STRING → String, INTEGER → Long,
 * DECIMAL → BigDecimal, DOUBLE → Double, BOOLEAN → Boolean, DATE → LocalDate, TIMESTAMP → Instant (UTC),
 * JSON → String holding a JSON document.
 */
public enum ColumnType {
  STRING,
  INTEGER,
  DECIMAL,
  DOUBLE,
  BOOLEAN,
  DATE,
  TIMESTAMP,
  JSON
}
