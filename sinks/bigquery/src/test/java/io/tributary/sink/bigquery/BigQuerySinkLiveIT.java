package io.tributary.sink.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.QueryJobConfiguration;
import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.Cursor;
import io.tributary.core.JobContext;
import io.tributary.core.Row;
import io.tributary.core.RunInfo;
import io.tributary.core.SecretRef;
import io.tributary.core.StreamSchema;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.WriteMode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against real BigQuery, only when {@code TRIBUTARY_IT_BIGQUERY_PROJECT} is set (with
 * {@code TRIBUTARY_IT_BIGQUERY_KEY_FILE}, or application default credentials, and optionally
 * {@code TRIBUTARY_IT_BIGQUERY_LOCATION}); skipped with a message otherwise. Merges two runs into a fresh dataset,
 * which it deletes afterwards.
 */
@Tag("live")
@Tag("sandbox")
class BigQuerySinkLiveIT {

  @TempDir
  Path spool;

  @Test
  void twoRunsMergeIntoRealBigQuery() throws Exception {
    String project = System.getenv("TRIBUTARY_IT_BIGQUERY_PROJECT");
    assumeTrue(project != null, "skipped: live BigQuery test needs TRIBUTARY_IT_BIGQUERY_PROJECT (and"
        + " TRIBUTARY_IT_BIGQUERY_KEY_FILE or application default credentials); see docs/sinks/bigquery.md");
    String keyFile = System.getenv("TRIBUTARY_IT_BIGQUERY_KEY_FILE");
    String dataset = "tributary_it_" + System.currentTimeMillis();
    BigQuerySinkConfig config = new BigQuerySinkConfig(project, dataset, System.getenv("TRIBUTARY_IT_BIGQUERY_LOCATION"),
        keyFile == null ? null : SecretRef.parse("${file:" + keyFile + "}"), spool.toString(), Map.of(), null);
    BigQuery bq = BigQueryClientFactory.create(config, BigQueryClientFactory.credentials(config));
    StreamSchema schema = new StreamSchema("customers", List.of(Column.of("id", ColumnType.INTEGER),
        Column.of("name", ColumnType.STRING)), List.of("id"));
    try {
      BigQuerySink sink = new BigQuerySink(config, new JobContext("erp", Path.of("jobs/erp.yml"), spool));
      sink.check();
      run(sink, new TableSpec("customers", "customers", schema, WriteMode.MERGE,
          new RunInfo("erp", 1, 1, Instant.parse("2024-05-01T00:00:00Z"))),
          List.of(new Row(new Object[] {1L, "Ada"}, false), new Row(new Object[] {2L, "Grace"}, false)));
      run(sink, new TableSpec("customers", "customers", schema, WriteMode.MERGE,
          new RunInfo("erp", 2, 2, Instant.parse("2024-05-02T00:00:00Z"))),
          List.of(new Row(new Object[] {2L, null}, true), new Row(new Object[] {3L, "Linus"}, false)));
      var result = bq.query(QueryJobConfiguration.of("SELECT COUNT(*) AS n, COUNTIF(_tributary_deleted) AS d FROM `"
          + project + "." + dataset + ".customers`"));
      var row = result.iterateAll().iterator().next();
      assertThat(List.of(row.get("n").getLongValue(), row.get("d").getLongValue())).containsExactly(3L, 1L);
    } finally {
      bq.delete(DatasetId.of(project, dataset), BigQuery.DatasetDeleteOption.deleteContents());
    }
  }

  private static void run(BigQuerySink sink, TableSpec spec, List<Row> rows) {
    try (TableWriter writer = sink.open(spec)) {
      sink.inChunk(() -> writer.write(rows, List.of(), Cursor.of("id", "x")));
      writer.finish();
    }
  }
}
