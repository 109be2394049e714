package io.tributary.sink.snowflake;

import io.tributary.core.Identifiers;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Snowflake identifiers. Snowflake resolves an unquoted name in upper case (Snowflake docs, "Identifier resolution"),
 * so Tributary upper-cases every validated name and then quotes it: {@code account_id} becomes
 * {@code "ACCOUNT_ID"}, which users and mart SQL can still write unquoted as {@code account_id}.
 */
final class SnowflakeNames {

  private SnowflakeNames() {}

  /** The stored (upper-case) form of a validated identifier. */
  static String stored(String identifier) {
    return identifier.toUpperCase(Locale.ROOT);
  }

  static String quote(String identifier) {
    return Identifiers.quote(stored(identifier));
  }

  static String qualified(String schema, String table) {
    return quote(schema) + "." + quote(table);
  }

  static String list(List<String> names) {
    return names.stream().map(SnowflakeNames::quote).collect(Collectors.joining(", "));
  }
}
