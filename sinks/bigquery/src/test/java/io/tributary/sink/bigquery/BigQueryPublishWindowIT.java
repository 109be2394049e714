package io.tributary.sink.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.Cursor;
import io.tributary.core.JobContext;
import io.tributary.core.Row;
import io.tributary.core.RunInfo;
import io.tributary.core.StreamSchema;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window between BigQuery's commit of a publish and the job repository's step completion, through the real
 * client and {@link BigQueryStub}. A "kill" there is the writer's work ending after {@code finish()} committed (or
 * after its clean-up failed), followed by a restart of the same job instance with a new run id, which resumes from
 * what the warehouse recorded and may read rows that arrived since.
 */
@Tag("sandbox")
class BigQueryPublishWindowIT {

  private static final StreamSchema SCHEMA = new StreamSchema("customers", List.of(
      Column.of("id", ColumnType.INTEGER), Column.of("name", ColumnType.STRING)), List.of("id"));
  private static final Instant AT = Instant.parse("2024-05-01T00:00:00Z");
  private static final List<Row> FIRST = List.of(row(1, "Ada"), row(2, "Grace"));
  private static final List<Row> ARRIVED_LATER = List.of(row(3, "Linus"));

  @TempDir
  Path spool;
  private BigQueryStub stub;

  @BeforeEach
  void start() throws IOException {
    stub = new BigQueryStub();
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  /** Finding 15: the spool of a committed publish survives a failed clean-up; the restart's new rows must publish. */
  @Test
  void rowsReadOnARestartAfterACommittedPublishArePublished() {
    BigQuerySink sink = sink();
    stub.failDeletes = true;
    assertThatThrownBy(() -> load(sink, spec(WriteMode.APPEND, 2), FIRST, 1))
        .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.kind()).isEqualTo(
            TributaryException.Kind.AUTH));
    stub.failDeletes = false;
    load(sink, spec(WriteMode.APPEND, 3), ARRIVED_LATER, 2);
    assertThat(stub.publishScripts()).as("the restart publishes what it read").hasSize(2);
    assertThat(stub.loaded.values().stream().map(BigQueryPublishWindowIT::ids).toList())
        .as("each row uploaded once, in the run that read it").containsExactlyInAnyOrder("1,2", "3");
    assertThat(stub.state.get("erp|customers").get(1)).isEqualTo("{\"updated_at\":\"chunk-2\"}");
  }

  /** Finding 16: replace, killed after the publish committed: the restart must not empty the target. */
  @Test
  void aRestartOfAReplaceThatAlreadyPublishedNeverEmptiesTheTarget() {
    BigQuerySink sink = sink();
    load(sink, spec(WriteMode.REPLACE, 2), FIRST, 1);
    // killed here: BigQuery committed, the job repository never heard; the restart reads nothing new
    load(sink, spec(WriteMode.REPLACE, 3), List.of(), 1);
    assertThat(stub.publishScripts()).as("nothing new: nothing to publish, and above all no DELETE").hasSize(1);
  }

  /** Finding 16, with rows that arrived in the window: they are added to the published copy, which stays. */
  @Test
  void aRestartOfAReplaceThatAlreadyPublishedAddsTheNewRowsWithoutDeleting() {
    BigQuerySink sink = sink();
    load(sink, spec(WriteMode.REPLACE, 2), FIRST, 1);
    load(sink, spec(WriteMode.REPLACE, 3), ARRIVED_LATER, 2);
    List<String> scripts = stub.publishScripts();
    assertThat(scripts).hasSize(2);
    assertThat(scripts.get(0)).contains("DELETE FROM `acme-analytics.raw.customers` WHERE TRUE");
    assertThat(scripts.get(1)).doesNotContain("DELETE FROM `acme-analytics.raw.customers`")
        .contains("MERGE `acme-analytics.raw.customers` AS t");
  }

  /**
   * Finding 17 (job ids), with the claim: the process dies while its publishing job still runs in BigQuery; the
   * restart claims the stream, so that job, run after the claim, is refused by its claim check, and the restart
   * publishes the spooled rows itself: each row once. (Before the claim the restart found the first job by its id and
   * waited for it; a stale writer's job now never publishes, and the restart's own job has another id.)
   */
  @Test
  void aPublishStillRunningWhenTheRestartClaimsIsRefusedAndTheRowsArePublishedOnce() throws Exception {
    stub.stallNextPublish = true;
    // the first process submits its publish and is then lost to us (it never reports back): a "dead" process
    CompletableFuture<Void> lost = CompletableFuture.runAsync(() -> load(sink(), spec(WriteMode.APPEND, 2), FIRST, 1));
    while (stub.publishScripts().isEmpty()) {
      Thread.sleep(50);
    }
    load(sink(), spec(WriteMode.APPEND, 3), FIRST, 1);
    stub.releaseStalled();
    assertThatThrownBy(() -> lost.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(TributaryException.class)
        .hasMessageContaining("another run took over job 'erp'");
    assertThat(stub.publishScripts()).as("the lost publish and the restart's").hasSize(2);
    assertThat(stub.column("raw.customers", "id")).containsExactly("1", "2");
    assertThat(stub.column("raw.customers", "_tributary_run_id")).as("spooled by the first run")
        .containsExactly("2", "2");
    assertThat(stub.state.get("erp|customers").get(1)).isEqualTo("{\"updated_at\":\"chunk-1\"}");
  }

  private BigQuerySink sink() {
    return new BigQuerySink(new BigQuerySinkConfig("acme-analytics", "raw", "US", null, spool.toString(), Map.of(),
        stub.endpoint()), new JobContext("erp", Path.of("jobs/erp.yml"), spool));
  }

  private static TableSpec spec(WriteMode mode, long runId) {
    return new TableSpec("customers", "customers", SCHEMA, mode, new RunInfo("erp", 1, runId, AT));
  }

  /** Opens, writes {@code rows} as one chunk ending at {@code chunk-<n>} unless it is committed, finishes. */
  private static void load(BigQuerySink sink, TableSpec spec, List<Row> rows, int n) {
    try (TableWriter writer = sink.open(spec)) {
      Cursor position = Cursor.of("updated_at", "chunk-" + n);
      if (!rows.isEmpty() && !writer.committedPosition().equals(java.util.Optional.of(position))) {
        sink.inChunk(() -> writer.write(rows, List.of(), position));
      }
      writer.finish();
    }
  }

  /** The ids of an uploaded NDJSON body, in order, joined by commas. */
  private static String ids(String ndjson) {
    return String.join(",", ndjson.lines().map(l -> l.replaceAll("^\\{\"id\":\"(\\d+)\".*", "$1")).toList());
  }

  private static Row row(long id, String name) {
    return new Row(new Object[] {id, name}, false);
  }
}
