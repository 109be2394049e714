package io.tributary.sink.bigquery;

import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import io.tributary.core.SystemTables;
import io.tributary.core.TributaryException;
import io.tributary.sink.StateRowFence;
import io.tributary.sink.staged.StagedStateTable;

/**
 * One table writer's claim on its stream's {@code _tributary_state} row ({@link StateRowFence}): the {@code writer}
 * column names the writer that opened the stream last. {@link #claim()} runs at open, before the state is read; each
 * chunk checks the claim before it commits to the spool ({@link #require()}), and every script that writes the state
 * row (the publish, a full refresh's rebaseline) starts with {@link #assertion(String)}, so a run that was taken over
 * publishes nothing. A claim on a stream without state makes a row of {@link StagedStateTable#NO_INSTANCE}: no job
 * instance's state. Used by the step thread of the stream only.
 *
 * @param state the dataset's state table, qualified
 * @param token this writer's claim ({@link StateRowFence#newToken})
 */
record BigQueryStateClaim(BigQueryJobs jobs, String state, String job, String stream, String token) {

  /** Marks a publish refused by the claim in the job's error, to tell it from any other failure. */
  static final String REFUSED = "tributary: the state row is claimed by another writer";

  /** The writer's part of names it alone uses (staging tables, spool files): the token's random part. */
  String tag() {
    return token.substring(token.lastIndexOf(' ') + 1);
  }

  /** One DML job: the row names this writer from now on; any earlier writer's next chunk or publish is refused. */
  void claim() {
    jobs.run(QueryJobConfiguration.newBuilder("MERGE " + state + " AS t USING (SELECT @job AS job, @stream AS stream,"
            + " @writer AS writer) AS s ON t.job = s.job AND t.stream = s.stream"
            + " WHEN MATCHED THEN UPDATE SET writer = s.writer"
            + " WHEN NOT MATCHED THEN INSERT (job, stream, instance_id, position, spool_id, writer, updated_at)"
            + " VALUES (s.job, s.stream, " + StagedStateTable.NO_INSTANCE + ", '{}', '', s.writer,"
            + " CURRENT_TIMESTAMP())")
        .addNamedParameter("job", QueryParameterValue.string(job))
        .addNamedParameter("stream", QueryParameterValue.string(stream))
        .addNamedParameter("writer", QueryParameterValue.string(token)).build(),
        "claiming the state of stream " + stream);
  }

  /** Before a chunk commits to the spool: fails when another writer claimed the stream since this one opened it. */
  void require() {
    QueryJobConfiguration query = QueryJobConfiguration.newBuilder("SELECT writer FROM " + state
            + " WHERE job = @job AND stream = @stream")
        .addNamedParameter("job", QueryParameterValue.string(job))
        .addNamedParameter("stream", QueryParameterValue.string(stream)).build();
    for (FieldValueList row : jobs.select(query, "checking the claim on stream " + stream)) {
      if (!row.get(0).isNull() && token.equals(row.get(0).getStringValue())) {
        return;
      }
    }
    throw takenOver();
  }

  /**
   * The first statement of a script that writes the state row (after its declarations, inside its transaction): the
   * script fails, and its transaction rolls back, unless the row still names {@code @writer} (BigQuery docs, "ASSERT"
   * in procedural language).
   */
  static String assertion(String state) {
    return "ASSERT EXISTS (SELECT 1 FROM " + state + " WHERE job = @job AND stream = @stream AND writer = @writer)"
        + " AS '" + REFUSED + "'";
  }

  /** {@code failure} with this writer's takeover error when it is the assertion's refusal; else as it is. */
  RuntimeException refusedOr(RuntimeException failure) {
    return failure.getMessage() != null && failure.getMessage().contains(REFUSED) ? takenOver() : failure;
  }

  TributaryException takenOver() {
    return StateRowFence.takenOver(job, stream, SystemTables.STATE, token);
  }
}
