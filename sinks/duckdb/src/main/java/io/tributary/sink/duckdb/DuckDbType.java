package io.tributary.sink.duckdb;

import io.tributary.core.Column;
import io.tributary.core.TributaryException;
import io.tributary.sink.jdbc.SqlType;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DuckDB column type as Tributary creates and compares it. {@code base} is the DDL name ({@code VARCHAR},
 * {@code BIGINT}, {@code DECIMAL}, {@code DOUBLE}, {@code BOOLEAN}, {@code DATE}, {@code TIMESTAMPTZ}, {@code JSON})
 * or, for a column someone else created, whatever DuckDB reports.
 */
record DuckDbType(String base, int precision, int scale) implements SqlType<DuckDbType> {

  static final int MAX_DECIMAL_PRECISION = 38;
  /** Used when a source does not know a decimal's precision (PostgreSQL {@code numeric}, JSON numbers). */
  static final DuckDbType UNKNOWN_DECIMAL = new DuckDbType("DECIMAL", 38, 9);

  private static final Pattern DECIMAL = Pattern.compile("(?:DECIMAL|NUMERIC)\\((\\d+),\\s*(\\d+)\\)");
  private static final int BIGINT_DIGITS = 19;

  static DuckDbType of(Column column) {
    return switch (column.type()) {
      case STRING -> simple("VARCHAR");
      case INTEGER -> simple("BIGINT");
      case DECIMAL -> decimal(column);
      case DOUBLE -> simple("DOUBLE");
      case BOOLEAN -> simple("BOOLEAN");
      case DATE -> simple("DATE");
      case TIMESTAMP -> simple("TIMESTAMPTZ");
      case JSON -> simple("JSON");
    };
  }

  /** Parses {@code information_schema.columns.data_type}. */
  static DuckDbType parse(String dataType) {
    String t = dataType.strip().toUpperCase(Locale.ROOT);
    Matcher m = DECIMAL.matcher(t);
    if (m.matches()) {
      return new DuckDbType("DECIMAL", Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    return switch (t) {
      case "TIMESTAMP WITH TIME ZONE" -> simple("TIMESTAMPTZ");
      case "STRING", "TEXT" -> simple("VARCHAR");
      case "INT8", "LONG" -> simple("BIGINT");
      default -> simple(t);
    };
  }

  private static DuckDbType simple(String base) {
    return new DuckDbType(base, 0, 0);
  }

  private static DuckDbType decimal(Column column) {
    if (column.precision() <= 0) {
      return UNKNOWN_DECIMAL;
    }
    if (column.precision() > MAX_DECIMAL_PRECISION || column.scale() > column.precision()) {
      throw TributaryException.config(
          "column '" + column.name() + "' is DECIMAL(" + column.precision() + "," + column.scale()
              + ") but DuckDB decimals hold at most " + MAX_DECIMAL_PRECISION + " digits",
          "map the field to DOUBLE or STRING in the job's mapping");
    }
    return new DuckDbType("DECIMAL", column.precision(), column.scale());
  }

  boolean isDecimal() {
    return base.equals("DECIMAL");
  }

  @Override
  public String ddl() {
    return isDecimal() ? "DECIMAL(" + precision + "," + scale + ")" : base;
  }

  /** True when every value of {@code incoming} fits in a column of this type without loss. */
  @Override
  public boolean holds(DuckDbType incoming) {
    if (isDecimal() && incoming.isDecimal()) {
      return scale >= incoming.scale && precision - scale >= incoming.precision - incoming.scale;
    }
    if (base.equals(incoming.base)) {
      return true;
    }
    return switch (base) {
      case "DOUBLE" -> incoming.base.equals("BIGINT");
      case "DECIMAL" -> incoming.base.equals("BIGINT") && precision - scale >= BIGINT_DIGITS;
      case "TIMESTAMPTZ" -> incoming.base.equals("DATE");
      case "VARCHAR" -> incoming.base.equals("JSON");
      default -> false;
    };
  }

  /**
   * The type an existing column of this type must be altered to so it also holds {@code incoming}, or empty when no
   * safe widening exists. Only called when this type cannot already hold {@code incoming}.
   */
  @Override
  public Optional<DuckDbType> widenedFor(DuckDbType incoming) {
    if (incoming.holds(this)) {
      return Optional.of(incoming);
    }
    if (isDecimal() && incoming.isDecimal()) {
      int s = Math.max(scale, incoming.scale);
      int p = Math.max(precision - scale, incoming.precision - incoming.scale) + s;
      return p <= MAX_DECIMAL_PRECISION ? Optional.of(new DuckDbType("DECIMAL", p, s)) : Optional.empty();
    }
    return Optional.empty();
  }
}
