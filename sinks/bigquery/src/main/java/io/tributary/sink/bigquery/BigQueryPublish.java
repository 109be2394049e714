package io.tributary.sink.bigquery;

import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.StandardSQLTypeName;
import io.tributary.core.SystemColumns;
import io.tributary.core.SystemTables;
import io.tributary.core.WriteMode;
import io.tributary.sink.StagedMergeSql;
import java.util.ArrayList;
import java.util.List;

/**
 * The one query job that publishes a run: a multi-statement transaction (BigQuery docs, "Multi-statement
 * transactions") that applies the staged rows to the target — MERGE keeping the last staged row of each key
 * ({@link StagedMergeSql}); INSERT for append; DELETE + INSERT for
 * replace — copies staged quarantine records, and upserts the state row with the spool id, so a publish that
 * committed is recognised and never repeated. A replace empties the target only in the first publish of its job
 * instance: a later one (a restart that read rows after the published position) adds to the copy already there.
 * The state row also counts the rows the publish inserted into the target ({@code target_table}, {@code target_rows}),
 * in the same transaction ({@link io.tributary.core.CommittedRows}).
 */
final class BigQueryPublish extends StagedMergeSql {

  private static final String ROWS_BEFORE = "target_rows_before";

  private final BigQueryTableLayout layout;
  private final String quarantineStaging;
  private final String state;
  private final String quarantine;
  private final WriteMode mode;

  BigQueryPublish(BigQueryTableLayout layout, String staging, String quarantineStaging, WriteMode mode) {
    super(layout.qualified(), staging, layout.columns(), layout.primaryKey(),
        layout.types().stream().map(t -> t == StandardSQLTypeName.JSON).toList(), BigQueryTableLayout::quote,
        "MERGE ", (condition, then, otherwise) -> "IF(" + condition + ", " + then + ", " + otherwise + ")");
    this.layout = layout;
    this.quarantineStaging = quarantineStaging;
    this.mode = mode;
    this.state = BigQueryTableLayout.qualified(layout.project(), layout.dataset(), SystemTables.STATE);
    this.quarantine = BigQueryTableLayout.qualified(layout.project(), layout.dataset(), SystemTables.QUARANTINE);
  }

  /**
   * @param withRows whether a staging table was loaded (a run without rows publishes no rows, but replace still
   *     empties the target)
   * @param withQuarantine whether a quarantine staging table was loaded
   * @param replacing whether this is the replace that swaps the copy (the first publish of the job instance)
   */
  String script(boolean withRows, boolean withQuarantine, boolean replacing) {
    List<String> sql = new ArrayList<>();
    sql.add("DECLARE " + ROWS_BEFORE + " INT64");
    sql.add("BEGIN TRANSACTION");
    // nothing is published unless this writer still holds the stream's claim (a run that took over claimed it)
    sql.add(BigQueryStateClaim.assertion(state));
    boolean keyed = !layout.primaryKey().isEmpty();
    if (replacing) {
      sql.add("DELETE FROM " + layout.qualified() + " WHERE TRUE");
      // the copy this publish makes is the job's whole committed count of the target
      sql.add("UPDATE " + state + " SET target_rows = 0 WHERE job = @job AND target_table = @target_table");
    }
    // Snapshot isolation: the count sees this transaction's own changes only (BigQuery docs, "Multi-statement
    // transactions"), so after minus before is exactly what the publish inserted, whatever runs beside it.
    sql.add("SET " + ROWS_BEFORE + " = (SELECT COUNT(*) FROM " + layout.qualified() + ")");
    if (withRows) {
      boolean merge = mode == WriteMode.MERGE || (mode == WriteMode.REPLACE && !replacing && keyed);
      sql.add(merge ? merge() : insert(replacing && keyed));
    }
    if (withQuarantine) {
      sql.add("INSERT INTO " + quarantine + " (job, run_id, stream, source_key, raw_record, reasons, quarantined_at)"
          + " SELECT job, run_id, stream, source_key, raw_record, reasons, quarantined_at FROM " + quarantineStaging);
    }
    sql.add(saveState(state, "(SELECT COUNT(*) FROM " + layout.qualified() + ") - " + ROWS_BEFORE));
    sql.add("COMMIT TRANSACTION");
    return String.join(";\n", sql) + ";";
  }

  /**
   * The state row's upsert: position and spool id, and {@code addedRows} (an expression) counted on top of the rows
   * committed into the target before while the row loads the same target. It changes the row only while the row names
   * {@code @writer} ({@link BigQueryStateClaim}).
   */
  static String saveState(String state, String addedRows) {
    return "MERGE " + state + " AS t USING (SELECT @job AS job, @stream AS stream, @instance_id AS instance_id,"
        + " @position AS position, @spool_id AS spool_id, @target_table AS target_table, " + addedRows
        + " AS added_rows, @writer AS writer) AS s ON t.job = s.job AND t.stream = s.stream"
        + " WHEN MATCHED AND t.writer = s.writer THEN UPDATE SET instance_id = s.instance_id, position = s.position,"
        + " spool_id = s.spool_id,"
        + " target_rows = IF(t.target_table = s.target_table, IFNULL(t.target_rows, 0) + s.added_rows,"
        + " s.added_rows), target_table = s.target_table, updated_at = CURRENT_TIMESTAMP()"
        + " WHEN NOT MATCHED THEN INSERT (job, stream, instance_id, position, spool_id, target_table, target_rows,"
        + " writer, updated_at) VALUES (s.job, s.stream, s.instance_id, s.position, s.spool_id, s.target_table,"
        + " s.added_rows, s.writer, CURRENT_TIMESTAMP())";
  }

  QueryJobConfiguration query(boolean withRows, boolean withQuarantine, boolean replacing, String job, String stream,
      long instanceId, String positionJson, String spoolId, String writer) {
    return QueryJobConfiguration.newBuilder(script(withRows, withQuarantine, replacing))
        .addNamedParameter("job", QueryParameterValue.string(job))
        .addNamedParameter("stream", QueryParameterValue.string(stream))
        .addNamedParameter("instance_id", QueryParameterValue.int64(instanceId))
        .addNamedParameter("position", QueryParameterValue.string(positionJson))
        .addNamedParameter("spool_id", QueryParameterValue.string(spoolId))
        .addNamedParameter("target_table", QueryParameterValue.string(layout.table()))
        .addNamedParameter("writer", QueryParameterValue.string(writer))
        .build();
  }

  @Override
  public String insert(boolean latestPerKey) {
    return "INSERT INTO " + target + " (" + list(allColumns()) + ") "
        + (latestPerKey ? latestPerKey() : "SELECT " + parsedList() + " FROM " + staging + " AS s");
  }

  /** BigQuery requires a WHERE, GROUP BY or HAVING next to QUALIFY. */
  @Override
  protected String latestPerKey() {
    return "SELECT " + parsedList() + " FROM " + staging + " AS s WHERE TRUE QUALIFY ROW_NUMBER() OVER (PARTITION BY "
        + String.join(", ", primaryKey().stream().map(k -> "s." + q(k)).toList()) + " ORDER BY s."
        + q(SystemColumns.SEQ) + " DESC) = 1";
  }
}
