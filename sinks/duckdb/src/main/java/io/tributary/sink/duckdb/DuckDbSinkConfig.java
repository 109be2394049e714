package io.tributary.sink.duckdb;

/**
 * The job's {@code sink:} block for {@code type: duckdb}, bound by the engine (snake_case keys, {@code type} removed).
 *
 * @param path the database file; relative paths resolve against the job's base directory. Null means
 *     {@code warehouse/<jobName>.duckdb}
 * @param schema the schema raw tables land in; null means {@code raw}
 */
public record DuckDbSinkConfig(String path, String schema) {

  public static final String DEFAULT_SCHEMA = "raw";

  public String schemaOrDefault() {
    return schema == null || schema.isBlank() ? DEFAULT_SCHEMA : schema;
  }

  public String pathOrDefault(String jobName) {
    return path == null || path.isBlank() ? "warehouse/" + jobName + ".duckdb" : path;
  }
}
