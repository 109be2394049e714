package io.tributary.config;

import io.tributary.core.WriteMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.util.List;
import java.util.Map;

/**
 * One stream of a job: what to read, how to map and validate it, and where and how it lands.
 *
 * @param name stream name as the source knows it
 * @param table target table (default: the stream name)
 * @param primaryKey source field names forming the key (required for merge)
 * @param cursor incremental cursor field(s), for example {@code updated_at}; empty means a full read each run
 * @param lookback how far before the watermark to re-read, for example {@code 10m}, {@code 2h}, {@code PT1H}
 * @param mode append, merge (default) or replace
 * @param pageSize preferred page size (sources clamp it to the platform maximum)
 * @param options platform-specific options, validated by the source
 * @param deletedWhen marks a record deleted (soft delete) when a field has a value
 * @param fields the output fields with mapping and validation rules; when absent every discovered field passes
 * @param includeUnmapped with {@code fields}, also pass through fields not listed (default false)
 * @param partitions read and load the stream in this many disjoint parts at once (1..64, default 1); merge only,
 *     and only for sources that can split a stream (docs/scaling.md)
 */
public record StreamConfig(
    @NotBlank String name,
    String table,
    List<String> primaryKey,
    List<String> cursor,
    String lookback,
    WriteMode mode,
    @Positive Integer pageSize,
    Map<String, Object> options,
    @Valid DeletedWhen deletedWhen,
    List<@Valid FieldSpec> fields,
    Boolean includeUnmapped,
    @Min(1) @Max(MAX_PARTITIONS) Integer partitions) {

  public static final int MAX_PARTITIONS = 64;

  /** A stream read as one part. */
  public StreamConfig(String name, String table, List<String> primaryKey, List<String> cursor, String lookback,
      WriteMode mode, Integer pageSize, Map<String, Object> options, DeletedWhen deletedWhen, List<FieldSpec> fields,
      Boolean includeUnmapped) {
    this(name, table, primaryKey, cursor, lookback, mode, pageSize, options, deletedWhen, fields, includeUnmapped,
        null);
  }

  public int partitionsOrDefault() {
    return partitions == null ? 1 : partitions;
  }

  public String tableOrDefault() {
    return table == null ? io.tributary.core.Identifiers.columnName(name) : table;
  }

  public WriteMode modeOrDefault() {
    return mode == null ? WriteMode.MERGE : mode;
  }

  public List<String> primaryKeyOrEmpty() {
    return primaryKey == null ? List.of() : primaryKey;
  }

  public List<String> cursorOrEmpty() {
    return cursor == null ? List.of() : cursor;
  }

  public Map<String, Object> optionsOrEmpty() {
    return options == null ? Map.of() : options;
  }

  public boolean includeUnmappedOrDefault() {
    return includeUnmapped != null && includeUnmapped;
  }

  /** A record is deleted when {@code field} equals {@code equals} (compared as text, case-insensitive). */
  public record DeletedWhen(@NotBlank String field, @NotBlank String equals) {}
}
