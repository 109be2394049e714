package io.tributary.sink.postgres;

import io.tributary.core.Column;
import io.tributary.sink.jdbc.SqlType;
import java.util.Optional;

/**
 * A column's PostgreSQL type as Tributary writes it. The binary COPY encoder encodes each value for the type the
 * table really has, which after an earlier widening may be wider than the stream's current column type.
 *
 * @param precision numeric precision, 0 for unconstrained {@code numeric}; unused by other kinds
 * @param scale numeric scale
 */
record PostgresType(Kind kind, int precision, int scale) implements SqlType<PostgresType> {

  enum Kind {
    TEXT("text"),
    BIGINT("bigint"),
    NUMERIC("numeric"),
    DOUBLE("double precision"),
    BOOLEAN("boolean"),
    DATE("date"),
    TIMESTAMPTZ("timestamp with time zone"),
    JSONB("jsonb");

    private final String catalogName;

    Kind(String catalogName) {
      this.catalogName = catalogName;
    }
  }

  private static final int BIGINT_DIGITS = 19;
  private static final int MAX_NUMERIC_PRECISION = 1000;

  static PostgresType of(Kind kind) {
    return new PostgresType(kind, 0, 0);
  }

  /** The DDL type for a stream column. */
  static PostgresType forColumn(Column column) {
    return switch (column.type()) {
      case STRING -> of(Kind.TEXT);
      case INTEGER -> of(Kind.BIGINT);
      case DECIMAL -> column.precision() <= 0
          ? of(Kind.NUMERIC)
          : new PostgresType(Kind.NUMERIC, Math.min(column.precision(), MAX_NUMERIC_PRECISION),
              Math.max(0, column.scale()));
      case DOUBLE -> of(Kind.DOUBLE);
      case BOOLEAN -> of(Kind.BOOLEAN);
      case DATE -> of(Kind.DATE);
      case TIMESTAMP -> of(Kind.TIMESTAMPTZ);
      case JSON -> of(Kind.JSONB);
    };
  }

  /**
   * The type of an existing column from {@code information_schema.columns}, or empty when Tributary does not write
   * that type. {@code character varying} is read as text: its binary input format is the same.
   */
  static Optional<PostgresType> fromCatalog(String dataType, Integer precision, Integer scale) {
    if (dataType.equals("character varying")) {
      return Optional.of(of(Kind.TEXT));
    }
    for (Kind k : Kind.values()) {
      if (k.catalogName.equals(dataType)) {
        return Optional.of(k == Kind.NUMERIC && precision != null
            ? new PostgresType(k, precision, scale == null ? 0 : scale)
            : of(k));
      }
    }
    return Optional.empty();
  }

  @Override
  public String ddl() {
    if (kind == Kind.NUMERIC && precision > 0) {
      return "numeric(" + precision + "," + scale + ")";
    }
    return kind == Kind.TIMESTAMPTZ ? "timestamptz" : kind.catalogName;
  }

  /** Whether every value of {@code other} fits this type unchanged, so a column of this type can take it. */
  @Override
  public boolean holds(PostgresType other) {
    if (kind == other.kind) {
      return kind != Kind.NUMERIC || precision == 0
          || (other.precision > 0 && scale >= other.scale
              && precision - scale >= other.precision - other.scale);
    }
    return switch (kind) {
      case NUMERIC -> other.kind == Kind.BIGINT && (precision == 0 || precision - scale >= BIGINT_DIGITS);
      case DOUBLE -> other.kind == Kind.BIGINT;
      case TIMESTAMPTZ -> other.kind == Kind.DATE;
      default -> false;
    };
  }

  /**
   * The type an existing column of this type must become to also hold {@code wanted}, or empty when no safe widening
   * exists (bigint → numeric/double, numeric precision up, date → timestamptz).
   */
  @Override
  public Optional<PostgresType> widenedFor(PostgresType wanted) {
    if (kind == Kind.NUMERIC && wanted.kind == Kind.NUMERIC) {
      if (wanted.precision == 0) {
        return Optional.of(wanted);
      }
      int s = Math.max(scale, wanted.scale);
      int integerDigits = Math.max(precision - scale, wanted.precision - wanted.scale);
      return Optional.of(integerDigits + s > MAX_NUMERIC_PRECISION
          ? of(Kind.NUMERIC) : new PostgresType(Kind.NUMERIC, integerDigits + s, s));
    }
    if (kind == Kind.BIGINT && wanted.kind == Kind.NUMERIC) {
      return Optional.of(wanted.holds(this) ? wanted : new PostgresType(Kind.NUMERIC,
          Math.min(MAX_NUMERIC_PRECISION, BIGINT_DIGITS + wanted.scale), wanted.scale));
    }
    if ((kind == Kind.BIGINT && wanted.kind == Kind.DOUBLE) || (kind == Kind.DATE && wanted.kind == Kind.TIMESTAMPTZ)) {
      return Optional.of(wanted);
    }
    return Optional.empty();
  }
}
