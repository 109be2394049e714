package io.tributary.reliability.configspace;

import java.nio.file.Path;
import java.time.ZoneId;

/**
 * One point of the configuration space: the job file's choices for the single stream {@code items}, the sink, and
 * where the job repository lives.
 *
 * @param lookback {@code null} or a duration as the job file spells it ({@code 90s}, {@code 1h}, {@code 1d})
 * @param valueBase picks the region the cursor clock starts in (a DST gap or overlap, an extreme long or date)
 */
record JobSpec(Sink sink, Mode mode, CursorKind cursor, ZoneId zone, String lookback, int partitions, int chunkSize,
    int pageSize, boolean softDeletes, boolean postgresRepository, int valueBase) {

  enum Sink { DUCKDB, POSTGRES }

  enum Mode { APPEND, MERGE, REPLACE }

  static final String TABLE = "items";

  /** The job file; the source table is {@code <sourceSchema>.items}, the target {@code <targetSchema>.items}. */
  String yaml(String pgUrl, String pgUser, String sourceSchema, String targetSchema, Path duckDbFile) {
    StringBuilder y = new StringBuilder();
    y.append("source: { type: jdbc, url: \"").append(pgUrl).append("\", user: ").append(pgUser)
        .append(", schema: ").append(sourceSchema);
    if (cursor == CursorKind.LOCAL_TIMESTAMP) {
      y.append(", timezone: ").append(zone.getId());
    }
    y.append(" }\n");
    if (sink == Sink.POSTGRES) {
      y.append("sink: { type: postgres, url: \"").append(pgUrl).append("\", user: ").append(pgUser)
          .append(", schema: ").append(targetSchema).append(" }\n");
    } else {
      y.append("sink: { type: duckdb, path: \"").append(duckDbFile).append("\", schema: ").append(targetSchema)
          .append(" }\n");
    }
    y.append("chunk_size: ").append(chunkSize).append("\nskip_limit: 100000\nstreams:\n");
    y.append("  - name: ").append(TABLE).append("\n    primary_key: [id]\n");
    y.append("    mode: ").append(mode.name().toLowerCase()).append('\n');
    if (cursor.isCursor()) {
      y.append("    cursor: updated_at\n");
    }
    if (lookback != null) {
      y.append("    lookback: ").append(lookback).append('\n');
    }
    y.append("    page_size: ").append(pageSize).append('\n');
    if (partitions > 1) {
      y.append("    partitions: ").append(partitions).append('\n');
    }
    if (softDeletes) {
      y.append("    deleted_when: { field: is_deleted, equals: \"true\" }\n");
    }
    return y.toString();
  }

  JobSpec withPostgresRepository() {
    return new JobSpec(sink, mode, cursor, zone, lookback, partitions, chunkSize, pageSize, softDeletes, true,
        valueBase);
  }

  @Override
  public String toString() {
    return sink + " " + mode + " cursor=" + cursor + (cursor == CursorKind.LOCAL_TIMESTAMP ? "@" + zone : "")
        + " lookback=" + lookback + " partitions=" + partitions + " chunk=" + chunkSize + " page=" + pageSize
        + " softDeletes=" + softDeletes + " repo=" + (postgresRepository ? "postgres" : "h2") + " base=" + valueBase;
  }
}
