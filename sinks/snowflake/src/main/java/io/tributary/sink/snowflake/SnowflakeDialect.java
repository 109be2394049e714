package io.tributary.sink.snowflake;

import io.tributary.sink.jdbc.SqlDialect;
import java.util.Locale;

/**
 * Snowflake's SQL. Snowflake resolves an unquoted name in upper case (Snowflake docs, "Identifier resolution"), so
 * Tributary upper-cases every validated name and then quotes it: {@code account_id} becomes {@code "ACCOUNT_ID"},
 * which users and mart SQL can still write unquoted as {@code account_id}. Primary keys are declared but not enforced
 * (Snowflake docs, "Constraints"); the publish merges by key itself.
 */
final class SnowflakeDialect extends SqlDialect<SnowflakeType> {

  static final SnowflakeDialect INSTANCE = new SnowflakeDialect();

  private SnowflakeDialect() {
    super("Snowflake", SnowflakeType::forColumn, SnowflakeType::fromCatalog);
  }

  @Override
  public String stored(String identifier) {
    return identifier.toUpperCase(Locale.ROOT);
  }
}
