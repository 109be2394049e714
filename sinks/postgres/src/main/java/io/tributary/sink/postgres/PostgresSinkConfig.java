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
 */
public record PostgresSinkConfig(@NotBlank String url, String user, SecretRef password, String schema) {

  public static final String DEFAULT_SCHEMA = "raw";

  public PostgresSinkConfig {
    if (schema == null || schema.isBlank()) {
      schema = DEFAULT_SCHEMA;
    }
  }
}
