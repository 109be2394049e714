package io.tributary.sink.databricks;

import io.tributary.core.SecretRef;
import io.tributary.core.SystemTables;
import jakarta.validation.constraints.NotBlank;

/**
 * The job's {@code sink:} block for {@code type: databricks}, bound by the engine with snake_case keys.
 *
 * @param host the workspace host, e.g. {@code dbc-a1b2c3d4-e5f6.cloud.databricks.com} or
 *     {@code adb-1234567890123456.7.azuredatabricks.net}
 * @param httpPath the SQL warehouse's HTTP path, e.g. {@code /sql/1.0/warehouses/abcdef0123456789}
 * @param clientId the service principal's OAuth client id (OAuth M2M, recommended)
 * @param clientSecret reference to the service principal's OAuth secret
 * @param token reference to a personal access token; used only when {@code client_id} is absent
 * @param catalog the Unity Catalog catalog raw tables go to
 * @param schema the schema raw tables, state, quarantine and the volume go to; {@code raw} when absent
 * @param volume the managed volume chunk files are PUT into, created in {@code schema} if missing;
 *     {@code _tributary_stage} when absent
 */
public record DatabricksSinkConfig(@NotBlank String host, @NotBlank String httpPath, String clientId,
    SecretRef clientSecret, SecretRef token, @NotBlank String catalog, String schema, String volume) {

  public static final String DEFAULT_SCHEMA = "raw";
  public static final String DEFAULT_VOLUME = SystemTables.working("stage");

  public DatabricksSinkConfig {
    if (schema == null || schema.isBlank()) {
      schema = DEFAULT_SCHEMA;
    }
    if (volume == null || volume.isBlank()) {
      volume = DEFAULT_VOLUME;
    }
  }
}
