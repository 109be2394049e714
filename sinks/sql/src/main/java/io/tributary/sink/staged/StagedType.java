package io.tributary.sink.staged;

import io.tributary.core.Column;
import io.tributary.sink.jdbc.SqlType;
import java.util.Optional;

/**
 * A column type of a warehouse that stages chunk files (Snowflake, Databricks) as Tributary writes and compares it.
 * The families and their rules are the same in both; the spellings and how far a decimal widens in place are the
 * warehouse's own ({@link StagedTypeNames}).
 *
 * @param precision DECIMAL precision (1..38); unused by other families
 * @param scale DECIMAL scale
 */
public record StagedType(Family family, int precision, int scale, StagedTypeNames names)
    implements SqlType<StagedType> {

  /** What a column holds, whatever the warehouse calls it. */
  public enum Family { TEXT, DECIMAL, FLOAT, BOOLEAN, DATE, TIMESTAMP, JSON }

  public static final int MAX_PRECISION = 38;
  /** The scale a decimal of unknown precision gets: (38,9) keeps 29 integer digits. */
  public static final int DEFAULT_SCALE = 9;

  /** The type a stream column gets in a new table. */
  public static StagedType forColumn(Column column, StagedTypeNames names) {
    return switch (column.type()) {
      case STRING -> names.of(Family.TEXT);
      case INTEGER -> names.decimal(MAX_PRECISION, 0);
      case DECIMAL -> column.precision() <= 0
          ? names.decimal(MAX_PRECISION, DEFAULT_SCALE)
          : names.decimal(Math.min(column.precision(), MAX_PRECISION),
              Math.min(Math.max(0, column.scale()), Math.min(column.precision(), MAX_PRECISION)));
      case DOUBLE -> names.of(Family.FLOAT);
      case BOOLEAN -> names.of(Family.BOOLEAN);
      case DATE -> names.of(Family.DATE);
      case TIMESTAMP -> names.of(Family.TIMESTAMP);
      case JSON -> names.of(Family.JSON);
    };
  }

  @Override
  public String ddl() {
    return names.ddl(this);
  }

  /** The staging table holds JSON values as text; the publishing statement parses them. */
  public StagedType staged() {
    return family == Family.JSON ? names.of(Family.TEXT) : this;
  }

  /** Whether a column of this type takes every value of {@code other} unchanged. */
  @Override
  public boolean holds(StagedType other) {
    if (family == other.family) {
      return family != Family.DECIMAL
          || (scale >= other.scale && precision - scale >= other.precision - other.scale);
    }
    return switch (family) {
      case FLOAT -> other.family == Family.DECIMAL && other.scale == 0;
      case TIMESTAMP -> other.family == Family.DATE;
      default -> false;
    };
  }

  @Override
  public Optional<StagedType> widenedFor(StagedType wanted) {
    if (family != Family.DECIMAL || wanted.family != Family.DECIMAL) {
      return Optional.empty();
    }
    return names.widenedDecimal(this, wanted);
  }

  @Override
  public String toString() {
    return ddl();
  }
}
