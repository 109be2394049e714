package io.tributary.sink.snowflake;

import io.tributary.sink.WarehouseJson;
import io.tributary.sink.jdbc.SqlDialect;
import io.tributary.sink.staged.ChunkFormat;
import io.tributary.sink.staged.StagedType;
import io.tributary.sink.staged.StagedType.Family;
import io.tributary.sink.staged.StagedTypeNames;
import java.util.Locale;
import java.util.Map;

/**
 * Snowflake's SQL. Snowflake resolves an unquoted name in upper case (Snowflake docs, "Identifier resolution"), so
 * Tributary upper-cases every validated name and then quotes it: {@code account_id} becomes {@code "ACCOUNT_ID"},
 * which users and mart SQL can still write unquoted as {@code account_id}. Primary keys are declared but not enforced
 * (Snowflake docs, "Constraints"); the publish merges by key itself. Snowflake can raise a NUMBER's precision in place
 * but never change its scale (Snowflake docs, ALTER TABLE ... ALTER COLUMN).
 */
final class SnowflakeDialect extends SqlDialect<StagedType> {

  static final StagedTypeNames TYPES = new StagedTypeNames(
      Map.of(Family.TEXT, "VARCHAR", Family.DECIMAL, "NUMBER", Family.FLOAT, "FLOAT", Family.BOOLEAN, "BOOLEAN",
          Family.DATE, "DATE", Family.TIMESTAMP, "TIMESTAMP_TZ(9)", Family.JSON, "VARIANT"),
      Map.of("TEXT", Family.TEXT, "NUMBER", Family.DECIMAL, "FLOAT", Family.FLOAT, "BOOLEAN", Family.BOOLEAN,
          "DATE", Family.DATE, "TIMESTAMP_TZ", Family.TIMESTAMP, "VARIANT", Family.JSON),
      StagedTypeNames.DecimalWidening.PRECISION_ONLY);

  /**
   * Chunk file values: nanosecond timestamps with their offset, years 0 to 9999 and VARCHAR up to 16 MB (Snowflake
   * docs, "Date & time data types", "String & binary data types"), JSON that PARSE_JSON accepts.
   */
  static final ChunkFormat CHUNK_FORMAT =
      ChunkFormat.iso("Snowflake", 9, 0, 16, WarehouseJson::forSnowflake, "NaN", "inf", "-inf");

  static final SnowflakeDialect INSTANCE = new SnowflakeDialect();

  private SnowflakeDialect() {
    super("Snowflake", TYPES::forColumn, TYPES::fromCatalog);
  }

  @Override
  public String stored(String identifier) {
    return identifier.toUpperCase(Locale.ROOT);
  }
}
