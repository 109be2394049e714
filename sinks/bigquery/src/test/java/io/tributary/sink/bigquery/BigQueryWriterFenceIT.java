package io.tributary.sink.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers of one append stream, as when a run lost its run lock and a later run of the same job instance took it
 * over while the stale run still writes, through the real client and {@link BigQueryStub}: writer A (run 1) opens
 * and commits chunk 1, writer B (run 2) opens, claims the stream's state row and resumes after chunk 1 (the spool
 * folder is shared, as on one host). A's next chunk and its publish are refused, and B's publish puts each row into
 * the target exactly once.
 */
@Tag("sandbox")
class BigQueryWriterFenceIT {

  private static final StreamSchema SCHEMA = new StreamSchema("customers", List.of(
      Column.of("id", ColumnType.INTEGER), Column.of("name", ColumnType.STRING)), List.of());
  private static final Instant AT = Instant.parse("2024-05-01T00:00:00Z");
  private static final List<Row> FIRST = List.of(row(1, "Ada"), row(2, "Grace"));
  private static final List<Row> SECOND = List.of(row(3, "Linus"));
  private static final String TARGET = "raw.customers";

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

  @Test
  void aStaleWritersChunkAndPublishAreRefusedAndTheTakeoverPublishesEachRowOnce() {
    BigQuerySink sink = sink();
    RuntimeException staleChunk;
    RuntimeException stalePublish;
    List<String> targetAfterStalePublish;
    try (TableWriter a = sink.open(spec(1))) {
      assertThat(a.committedPosition()).contains(Cursor.START);
      sink.inChunk(() -> a.write(FIRST, List.of(), position(1)));
      try (TableWriter b = sink.open(spec(2))) {
        assertThat(b.committedPosition()).contains(position(1));
        staleChunk = failure(() -> sink.inChunk(() -> a.write(SECOND, List.of(), position(2))));
        sink.inChunk(() -> b.write(SECOND, List.of(), position(2)));
        stalePublish = failure(a::finish);
        targetAfterStalePublish = stub.column(TARGET, "id");
        b.finish();
      }
    }
    assertThat(stub.column(TARGET, "id")).containsExactly("1", "2", "3");
    assertThat(stub.column(TARGET, "_tributary_run_id")).as("the run that spooled each row: id 3 by B")
        .containsExactly("1", "1", "2");
    assertThat(targetAfterStalePublish).as("target after A's refused publish").isEmpty();
    assertThat(staleChunk).isInstanceOf(TributaryException.class)
        .hasMessageContaining("another run took over job 'erp'");
    assertThat(stalePublish).isInstanceOf(TributaryException.class)
        .hasMessageContaining("another run took over job 'erp'");
    assertThat(stub.publishScripts()).as("only B's publish was submitted").hasSize(1);
    assertThat(stub.state.get("erp|customers").get(1)).isEqualTo("{\"updated_at\":\"chunk-2\"}");
  }

  /** A stale writer that spooled every chunk and publishes right after the takeover publishes nothing; B does. */
  @Test
  void aStaleWritersPublishRightAfterTheClaimInsertsNothing() {
    BigQuerySink sink = sink();
    RuntimeException stalePublish;
    List<String> targetAfterStalePublish;
    try (TableWriter a = sink.open(spec(1))) {
      sink.inChunk(() -> a.write(FIRST, List.of(), position(1)));
      sink.inChunk(() -> a.write(SECOND, List.of(), position(2)));
      try (TableWriter b = sink.open(spec(2))) {
        stalePublish = failure(a::finish);
        targetAfterStalePublish = stub.column(TARGET, "id");
        assertThat(b.committedPosition()).contains(position(2));
        b.finish();
      }
    }
    assertThat(stub.column(TARGET, "id")).containsExactly("1", "2", "3");
    assertThat(targetAfterStalePublish).as("target after A's refused publish").isEmpty();
    assertThat(stalePublish).isInstanceOf(TributaryException.class)
        .hasMessageContaining("another run took over job 'erp'");
  }

  private BigQuerySink sink() {
    return new BigQuerySink(new BigQuerySinkConfig("acme-analytics", "raw", "US", null, spool.toString(), Map.of(),
        stub.endpoint()), new JobContext("erp", Path.of("jobs/erp.yml"), spool));
  }

  private static TableSpec spec(long runId) {
    return new TableSpec("customers", "customers", SCHEMA, WriteMode.APPEND, new RunInfo("erp", 1, runId, AT));
  }

  private static Cursor position(int n) {
    return Cursor.of("updated_at", "chunk-" + n);
  }

  /** What {@code action} threw, or null: the test looks at the target first, then at the failures. */
  private static RuntimeException failure(Runnable action) {
    try {
      action.run();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  private static Row row(long id, String name) {
    return new Row(new Object[] {id, name}, false);
  }
}
