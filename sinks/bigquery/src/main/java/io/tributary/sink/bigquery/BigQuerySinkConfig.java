package io.tributary.sink.bigquery;

import io.tributary.core.SecretRef;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;

/**
 * The job's {@code sink:} block for {@code type: bigquery}, bound by the engine with snake_case keys.
 *
 * @param project the Google Cloud project that owns the dataset and runs (and pays for) the jobs
 * @param dataset dataset raw tables, state and quarantine go to; {@code raw} when absent
 * @param location dataset and job location ({@code US}, {@code EU}, {@code europe-west1}...); {@code US} when absent
 * @param credentials reference to a service-account JSON key; absent = application default credentials
 * @param spoolDir where chunks wait on local disk until the run's load job; {@code .tributary/spool/bigquery}
 * @param tables per target table: partitioning and clustering, applied when Tributary creates the table
 * @param endpoint API root for a BigQuery emulator or test stub, e.g. {@code http://127.0.0.1:9050}; absent = Google
 */
public record BigQuerySinkConfig(@NotBlank String project, String dataset, String location, SecretRef credentials,
    String spoolDir, Map<String, TableOptions> tables, String endpoint) {

  public static final String DEFAULT_DATASET = "raw";
  public static final String DEFAULT_LOCATION = "US";

  /**
   * @param partitionBy a DATE or TIMESTAMP column to partition by, or null
   * @param partitionGranularity DAY (default), HOUR, MONTH or YEAR
   * @param clusterBy up to four columns; absent = the primary key (its first four columns of clusterable types)
   */
  public record TableOptions(String partitionBy, String partitionGranularity, List<String> clusterBy) {}

  public BigQuerySinkConfig {
    if (dataset == null || dataset.isBlank()) {
      dataset = DEFAULT_DATASET;
    }
    if (location == null || location.isBlank()) {
      location = DEFAULT_LOCATION;
    }
    tables = tables == null ? Map.of() : Map.copyOf(tables);
  }

  TableOptions optionsFor(String table) {
    return tables.getOrDefault(table, new TableOptions(null, null, null));
  }
}
