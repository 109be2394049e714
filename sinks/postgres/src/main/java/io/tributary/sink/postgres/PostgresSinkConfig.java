package io.tributary.sink.postgres;

import io.tributary.core.SecretRef;
import jakarta.validation.constraints.NotBlank;

/**
 * The job's {@code sink:} block for {@code type: postgres}, bound by the engine with snake_case keys.
 *
 * @param url JDBC URL, e.g. {@code jdbc:postgresql://db:5432/warehouse}; must not carry a password
 * @param user database user, or null to use the driver's default
 * @param password reference to the password ({@code ${env:PG_PASSWORD}}), or null for trust/peer auth
 * @param schema schema raw tables, quarantine and state go to; {@code raw} when absent
 * @param readerPassword reference to the password of the mart reader login roles
 *     ({@link PostgresReaderViews}), which each mart build sets; null where the server trusts local logins
 */
public record PostgresSinkConfig(@NotBlank String url, String user, SecretRef password, String schema,
    SecretRef readerPassword) {

  public PostgresSinkConfig(String url, String user, SecretRef password, String schema) {
    this(url, user, password, schema, null);
  }

  public static final String DEFAULT_SCHEMA = "raw";

  public PostgresSinkConfig {
    if (schema == null || schema.isBlank()) {
      schema = DEFAULT_SCHEMA;
    }
  }
}
