package io.tributary.sink.bigquery;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.TableId;
import io.tributary.core.CommittedRows;
import io.tributary.core.SystemTables;
import io.tributary.core.TableSpec;
import io.tributary.sink.StagedCommittedRows;
import io.tributary.sink.staged.StagedStateTable;
import java.util.Optional;

/**
 * The committed-rows check of one target ({@link CommittedRows}): the job's sum of {@code target_rows} in
 * {@code _tributary_state} (what its publishes inserted) against the target's row count. Used at open, before the
 * target's setup (which would recreate a dropped table), and when the stream ends, before its publish.
 */
record BigQueryCommittedRows(BigQuery bigquery, BigQueryJobs jobs, TableId target, String job) {

  /** The dataset's state table, qualified. */
  private String state() {
    return BigQueryTableLayout.qualified(target.getProject(), target.getDataset(), SystemTables.STATE);
  }

  /**
   * Whether the target must still hold what was committed before reading on ({@link StagedCommittedRows}).
   *
   * @param instanceHasState whether the state row belongs to this job instance (it published, or rebaselined)
   */
  static boolean checked(TableSpec spec, boolean instanceHasState) {
    return StagedCommittedRows.checked(spec.mode(), spec.fullRefresh(), instanceHasState, instanceHasState);
  }

  /** The query of the stream's state row written by {@code instanceId}: its position and spool id. */
  static QueryJobConfiguration stateOf(String state, String job, String stream, long instanceId) {
    return QueryJobConfiguration.newBuilder("SELECT position, spool_id FROM " + state
            + " WHERE job = @job AND stream = @stream AND instance_id = @instance_id")
        .addNamedParameter("job", QueryParameterValue.string(job))
        .addNamedParameter("stream", QueryParameterValue.string(stream))
        .addNamedParameter("instance_id", QueryParameterValue.int64(instanceId))
        .build();
  }

  /** Whether {@link SystemTables#STATE} holds a row of {@code instanceId} for the stream. */
  boolean instanceHasState(String stream, long instanceId) {
    return jobs.select(stateOf(state(), job, stream, instanceId), "reading the state of stream " + stream).iterator()
        .hasNext();
  }

  /**
   * The key of the job instance that wrote the stream's state row last, or empty when the stream has none (a row only
   * claimed, of {@link StagedStateTable#NO_INSTANCE}, is no instance's state).
   */
  Optional<Long> stateOwner(String stream) {
    QueryJobConfiguration query = QueryJobConfiguration.newBuilder("SELECT instance_id FROM " + state()
            + " WHERE job = @job AND stream = @stream")
        .addNamedParameter("job", QueryParameterValue.string(job))
        .addNamedParameter("stream", QueryParameterValue.string(stream))
        .build();
    for (FieldValueList row : jobs.select(query, "reading the state of stream " + stream)) {
      return Optional.of(row.get(0).getLongValue()).filter(owner -> owner != StagedStateTable.NO_INSTANCE);
    }
    return Optional.empty();
  }

  void verify() {
    long committed = single(QueryJobConfiguration.newBuilder("SELECT COALESCE(SUM(target_rows), 0) AS committed FROM "
        + state() + " WHERE job = @job AND target_table = @target_table")
        .addNamedParameter("job", QueryParameterValue.string(job))
        .addNamedParameter("target_table", QueryParameterValue.string(target.getTable())).build());
    if (committed > 0) {
      CommittedRows.require(target.getDataset() + "." + target.getTable(), rowsHeld(), committed, job);
    }
  }

  /**
   * Accepts the target's current rows as the job's committed count (a full refresh's first open), kept on this
   * stream's row, which now belongs to {@code instanceId} at the start with no spool published: its restart checks.
   */
  void rebaseline(String stream, long instanceId, String startJson, String writer) {
    long rows = rowsHeld();
    jobs.run(QueryJobConfiguration.newBuilder("BEGIN TRANSACTION;\n" + BigQueryStateClaim.assertion(state())
            + ";\nUPDATE " + state()
            + " SET target_rows = 0 WHERE job = @job AND target_table = @target_table;\n"
            + BigQueryPublish.saveState(state(), "@rows") + ";\nCOMMIT TRANSACTION;")
        .addNamedParameter("job", QueryParameterValue.string(job))
        .addNamedParameter("stream", QueryParameterValue.string(stream))
        .addNamedParameter("instance_id", QueryParameterValue.int64(instanceId))
        .addNamedParameter("position", QueryParameterValue.string(startJson))
        .addNamedParameter("spool_id", QueryParameterValue.string(""))
        .addNamedParameter("target_table", QueryParameterValue.string(target.getTable()))
        .addNamedParameter("rows", QueryParameterValue.int64(rows))
        .addNamedParameter("writer", QueryParameterValue.string(writer)).build(),
        "accepting " + target.getDataset() + "." + target.getTable() + " as it is (full refresh)");
  }

  /** The target's row count; 0 when it does not exist. */
  private long rowsHeld() {
    if (bigquery.getTable(target) == null) {
      return 0;
    }
    return single(QueryJobConfiguration.newBuilder("SELECT COUNT(*) AS held FROM "
        + BigQueryTableLayout.qualified(target.getProject(), target.getDataset(), target.getTable())).build());
  }

  private long single(QueryJobConfiguration query) {
    for (FieldValueList row : jobs.select(query, "checking the rows of " + target.getTable())) {
      return row.get(0).getLongValue();
    }
    return 0;
  }
}
