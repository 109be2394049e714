package io.tributary.sink.snowflake;

import io.tributary.core.SecretRef;
import io.tributary.core.SystemTables;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Locale;

/**
 * The job's {@code sink:} block for {@code type: snowflake}, bound by the engine with snake_case keys.
 *
 * @param account account identifier ({@code myorg-myaccount} or {@code xy12345.eu-west-1}); the driver connects to
 *     {@code https://<account>.snowflakecomputing.com}
 * @param user the Snowflake user Tributary logs in as
 * @param privateKey reference to the user's unencrypted RSA private key in PEM (key-pair auth, recommended)
 * @param password reference to the password; used only when {@code private_key} is absent (discouraged)
 * @param role role to use, or null for the user's default role
 * @param warehouse virtual warehouse that runs COPY and MERGE
 * @param database database raw tables go to
 * @param schema schema raw tables, state and quarantine go to; {@code RAW} when absent
 * @param stage name of the internal stage chunks are PUT to, created in {@code schema} if missing;
 *     {@code _TRIBUTARY_STAGE} when absent
 * @param replaceTarget {@code permanent} (default) or {@code transient}: how Tributary creates the target table of a
 *     {@code mode: replace} stream. {@code transient} creates it {@code TRANSIENT} with
 *     {@code DATA_RETENTION_TIME_IN_DAYS = 0}, so the copy each replace deletes is not kept for Time Travel and
 *     Fail-safe (see docs/sinks/snowflake.md); an existing table keeps its kind
 */
public record SnowflakeSinkConfig(@NotBlank String account, @NotBlank String user, SecretRef privateKey,
    SecretRef password, String role, @NotBlank String warehouse, @NotBlank String database, String schema,
    String stage,
    @Pattern(regexp = "permanent|transient", message = "must be permanent or transient") String replaceTarget) {

  public static final String DEFAULT_SCHEMA = "RAW";
  public static final String DEFAULT_STAGE = SystemTables.working("stage").toUpperCase(Locale.ROOT);
  public static final String TRANSIENT = "transient";

  public SnowflakeSinkConfig {
    if (schema == null || schema.isBlank()) {
      schema = DEFAULT_SCHEMA;
    }
    if (stage == null || stage.isBlank()) {
      stage = DEFAULT_STAGE;
    }
    if (replaceTarget == null || replaceTarget.isBlank()) {
      replaceTarget = "permanent";
    }
  }

  /** Whether replace streams' targets are created transient, without Time Travel. */
  public boolean transientReplaceTargets() {
    return TRANSIENT.equals(replaceTarget);
  }
}
