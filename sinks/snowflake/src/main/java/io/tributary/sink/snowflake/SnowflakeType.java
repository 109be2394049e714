package io.tributary.sink.snowflake;

import io.tributary.core.Column;
import io.tributary.sink.jdbc.SqlType;
import java.util.Optional;

/**
 * A column's Snowflake type as Tributary writes it, and the safe widenings between them. Snowflake can raise a
 * NUMBER's precision in place but never change its scale (Snowflake docs, ALTER TABLE ... ALTER COLUMN), so that is
 * the only in-place widening; a NUMBER column also takes any stream column it holds without change.
 *
 * @param precision NUMBER precision (1..38); unused by other kinds
 * @param scale NUMBER scale
 */
record SnowflakeType(Kind kind, int precision, int scale) implements SqlType<SnowflakeType> {

  enum Kind {
    TEXT("VARCHAR"),
    NUMBER("NUMBER"),
    FLOAT("FLOAT"),
    BOOLEAN("BOOLEAN"),
    DATE("DATE"),
    TIMESTAMP_TZ("TIMESTAMP_TZ(9)"),
    VARIANT("VARIANT");

    private final String ddl;

    Kind(String ddl) {
      this.ddl = ddl;
    }
  }

  static final int MAX_PRECISION = 38;
  /** The scale a decimal of unknown precision gets: NUMBER(38,9) keeps 29 integer digits. */
  static final int DEFAULT_SCALE = 9;

  static SnowflakeType of(Kind kind) {
    return new SnowflakeType(kind, 0, 0);
  }

  static SnowflakeType number(int precision, int scale) {
    return new SnowflakeType(Kind.NUMBER, precision, scale);
  }

  static SnowflakeType forColumn(Column column) {
    return switch (column.type()) {
      case STRING -> of(Kind.TEXT);
      case INTEGER -> number(MAX_PRECISION, 0);
      case DECIMAL -> column.precision() <= 0
          ? number(MAX_PRECISION, DEFAULT_SCALE)
          : number(Math.min(column.precision(), MAX_PRECISION),
              Math.min(Math.max(0, column.scale()), Math.min(column.precision(), MAX_PRECISION)));
      case DOUBLE -> of(Kind.FLOAT);
      case BOOLEAN -> of(Kind.BOOLEAN);
      case DATE -> of(Kind.DATE);
      case TIMESTAMP -> of(Kind.TIMESTAMP_TZ);
      case JSON -> of(Kind.VARIANT);
    };
  }

  /** The type of an existing column from {@code INFORMATION_SCHEMA.COLUMNS}; empty for a type Tributary never writes. */
  static Optional<SnowflakeType> fromCatalog(String dataType, Integer precision, Integer scale) {
    return switch (dataType) {
      case "TEXT" -> Optional.of(of(Kind.TEXT));
      case "NUMBER" -> Optional.of(number(precision == null ? MAX_PRECISION : precision, scale == null ? 0 : scale));
      case "FLOAT" -> Optional.of(of(Kind.FLOAT));
      case "BOOLEAN" -> Optional.of(of(Kind.BOOLEAN));
      case "DATE" -> Optional.of(of(Kind.DATE));
      case "TIMESTAMP_TZ" -> Optional.of(of(Kind.TIMESTAMP_TZ));
      case "VARIANT" -> Optional.of(of(Kind.VARIANT));
      default -> Optional.empty();
    };
  }

  @Override
  public String ddl() {
    return kind == Kind.NUMBER ? "NUMBER(" + precision + "," + scale + ")" : kind.ddl;
  }

  /** The staging table holds VARIANT values as text; the publishing statement parses them. */
  SnowflakeType staged() {
    return kind == Kind.VARIANT ? of(Kind.TEXT) : this;
  }

  /** Whether a column of this type takes every value of {@code other} unchanged. */
  @Override
  public boolean holds(SnowflakeType other) {
    if (kind == other.kind) {
      return kind != Kind.NUMBER || (scale >= other.scale && precision - scale >= other.precision - other.scale);
    }
    return switch (kind) {
      case FLOAT -> other.kind == Kind.NUMBER && other.scale == 0;
      case TIMESTAMP_TZ -> other.kind == Kind.DATE;
      default -> false;
    };
  }

  /** The wider type this column can be altered to so it holds {@code wanted}, or empty when Snowflake cannot. */
  @Override
  public Optional<SnowflakeType> widenedFor(SnowflakeType wanted) {
    if (kind == Kind.NUMBER && wanted.kind == Kind.NUMBER && scale == wanted.scale
        && wanted.precision > precision) {
      return Optional.of(number(wanted.precision, scale));
    }
    return Optional.empty();
  }
}
