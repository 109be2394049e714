package io.tributary.sink.databricks;

import io.tributary.core.Column;
import io.tributary.sink.jdbc.SqlType;
import java.util.Optional;

/**
 * A column's Databricks (Delta) type as Tributary writes it, and the safe widenings between them. Tributary's tables
 * have type widening enabled ({@link DatabricksDialect#tableOptions()}), under which Delta widens a DECIMAL(p,s) in
 * place to DECIMAL(p+k1,s+k2) when k1 >= k2 >= 0 (Databricks docs, "Type widening"); a DECIMAL column also takes
 * any stream column it holds without change.
 *
 * @param precision DECIMAL precision (1..38); unused by other kinds
 * @param scale DECIMAL scale
 */
record DatabricksType(Kind kind, int precision, int scale) implements SqlType<DatabricksType> {

  enum Kind {
    STRING("STRING"),
    DECIMAL("DECIMAL"),
    DOUBLE("DOUBLE"),
    BOOLEAN("BOOLEAN"),
    DATE("DATE"),
    TIMESTAMP("TIMESTAMP"),
    VARIANT("VARIANT");

    private final String ddl;

    Kind(String ddl) {
      this.ddl = ddl;
    }
  }

  static final int MAX_PRECISION = 38;
  /** The scale a decimal of unknown precision gets: DECIMAL(38,9) keeps 29 integer digits. */
  static final int DEFAULT_SCALE = 9;

  static DatabricksType of(Kind kind) {
    return new DatabricksType(kind, 0, 0);
  }

  static DatabricksType decimal(int precision, int scale) {
    return new DatabricksType(Kind.DECIMAL, precision, scale);
  }

  static DatabricksType forColumn(Column column) {
    return switch (column.type()) {
      case STRING -> of(Kind.STRING);
      case INTEGER -> decimal(MAX_PRECISION, 0);
      case DECIMAL -> column.precision() <= 0
          ? decimal(MAX_PRECISION, DEFAULT_SCALE)
          : decimal(Math.min(column.precision(), MAX_PRECISION),
              Math.min(Math.max(0, column.scale()), Math.min(column.precision(), MAX_PRECISION)));
      case DOUBLE -> of(Kind.DOUBLE);
      case BOOLEAN -> of(Kind.BOOLEAN);
      case DATE -> of(Kind.DATE);
      // TIMESTAMP is an instant shown in the session time zone (Databricks docs, "TIMESTAMP type")
      case TIMESTAMP -> of(Kind.TIMESTAMP);
      case JSON -> of(Kind.VARIANT);
    };
  }

  /** The type of an existing column from {@code information_schema.columns}; empty for a type Tributary never writes. */
  static Optional<DatabricksType> fromCatalog(String dataType, Integer precision, Integer scale) {
    return switch (dataType) {
      case "STRING" -> Optional.of(of(Kind.STRING));
      case "DECIMAL" -> Optional.of(decimal(precision == null ? MAX_PRECISION : precision, scale == null ? 0 : scale));
      case "DOUBLE" -> Optional.of(of(Kind.DOUBLE));
      case "BOOLEAN" -> Optional.of(of(Kind.BOOLEAN));
      case "DATE" -> Optional.of(of(Kind.DATE));
      case "TIMESTAMP" -> Optional.of(of(Kind.TIMESTAMP));
      case "VARIANT" -> Optional.of(of(Kind.VARIANT));
      default -> Optional.empty();
    };
  }

  @Override
  public String ddl() {
    return kind == Kind.DECIMAL ? "DECIMAL(" + precision + "," + scale + ")" : kind.ddl;
  }

  /** The staging table holds VARIANT values as text; the publishing statement parses them. */
  DatabricksType staged() {
    return kind == Kind.VARIANT ? of(Kind.STRING) : this;
  }

  /** Whether a column of this type takes every value of {@code other} unchanged. */
  @Override
  public boolean holds(DatabricksType other) {
    if (kind == other.kind) {
      return kind != Kind.DECIMAL || (scale >= other.scale && precision - scale >= other.precision - other.scale);
    }
    return switch (kind) {
      case DOUBLE -> other.kind == Kind.DECIMAL && other.scale == 0;
      case TIMESTAMP -> other.kind == Kind.DATE;
      default -> false;
    };
  }

  /** The DECIMAL that keeps this column's and {@code wanted}'s integer digits and scale, or empty past 38 digits. */
  @Override
  public Optional<DatabricksType> widenedFor(DatabricksType wanted) {
    if (kind != Kind.DECIMAL || wanted.kind != Kind.DECIMAL) {
      return Optional.empty();
    }
    int widerScale = Math.max(scale, wanted.scale);
    int widerPrecision = widerScale + Math.max(precision - scale, wanted.precision - wanted.scale);
    return widerPrecision > MAX_PRECISION ? Optional.empty() : Optional.of(decimal(widerPrecision, widerScale));
  }
}
