package io.tributary.sink.bigquery;

import com.google.cloud.bigquery.StandardSQLTypeName;
import io.tributary.core.Column;
import java.util.Optional;

/**
 * The BigQuery type Tributary writes for a stream column, and the in-place widenings BigQuery allows with
 * {@code ALTER COLUMN ... SET DATA TYPE} (BigQuery docs, "Modifying table schemas": INT64 → NUMERIC, BIGNUMERIC,
 * FLOAT64; NUMERIC → BIGNUMERIC, FLOAT64).
 */
final class BigQueryType {

  private BigQueryType() {}

  static StandardSQLTypeName forColumn(Column column) {
    return switch (column.type()) {
      case STRING -> StandardSQLTypeName.STRING;
      case INTEGER -> StandardSQLTypeName.INT64;
      // NUMERIC holds 29 integer and 9 fractional digits; anything wider or unknown needs BIGNUMERIC
      case DECIMAL -> column.precision() > 0 && column.scale() <= 9 && column.precision() - column.scale() <= 29
          ? StandardSQLTypeName.NUMERIC : StandardSQLTypeName.BIGNUMERIC;
      case DOUBLE -> StandardSQLTypeName.FLOAT64;
      case BOOLEAN -> StandardSQLTypeName.BOOL;
      case DATE -> StandardSQLTypeName.DATE;
      case TIMESTAMP -> StandardSQLTypeName.TIMESTAMP;
      case JSON -> StandardSQLTypeName.JSON;
    };
  }

  /** Whether a column of type {@code have} takes every value of {@code want} unchanged. */
  static boolean holds(StandardSQLTypeName have, StandardSQLTypeName want) {
    if (have == want) {
      return true;
    }
    return switch (have) {
      case BIGNUMERIC -> want == StandardSQLTypeName.NUMERIC || want == StandardSQLTypeName.INT64;
      case NUMERIC, FLOAT64 -> want == StandardSQLTypeName.INT64;
      case TIMESTAMP -> want == StandardSQLTypeName.DATE;
      default -> false;
    };
  }

  /** The type {@code have} can be altered to so it also holds {@code want}, or empty. */
  static Optional<StandardSQLTypeName> widenedFor(StandardSQLTypeName have, StandardSQLTypeName want) {
    if (have == StandardSQLTypeName.INT64 && (want == StandardSQLTypeName.NUMERIC
        || want == StandardSQLTypeName.BIGNUMERIC || want == StandardSQLTypeName.FLOAT64)) {
      return Optional.of(want);
    }
    if (have == StandardSQLTypeName.NUMERIC && want == StandardSQLTypeName.BIGNUMERIC) {
      return Optional.of(want);
    }
    return Optional.empty();
  }

  /** The staging table holds JSON as text; the publishing script parses it. */
  static StandardSQLTypeName staged(StandardSQLTypeName type) {
    return type == StandardSQLTypeName.JSON ? StandardSQLTypeName.STRING : type;
  }

  static boolean clusterable(StandardSQLTypeName type) {
    return switch (type) {
      case STRING, INT64, NUMERIC, BIGNUMERIC, BOOL, DATE, TIMESTAMP -> true;
      default -> false;
    };
  }
}
