package io.tributary.sink.snowflake;

import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.RUN_1;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.RUN_1_AT;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.RUN_1_SCHEMA;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.dump;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.position;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.select;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers of one append stream, as when a run lost its run lock and a later run of the same job instance took it
 * over while the stale run still writes: writer A (run 1) opens and commits chunk 0, writer B (run 2) opens, claims
 * the stream's state row and resumes after chunk 0. A's next chunk and its publish are refused (the chunk transaction
 * rolls back: nothing of it is staged), and B's publish puts each of RUN_1's three rows into the target exactly once.
 */
@Tag("unit")
class SnowflakeWriterFenceTest {

  /** RUN_1's rows, with the run that staged each: chunk 0 (ids 1, 2) by A, chunk 1 (id 3) by B. */
  private static final List<String> EXPECTED = List.of(
      "1|Ada|1",
      "2|Grace, \"the\" admiral|1",
      "3|Linus|2");
  private static final String COLUMNS = "\"ID\", \"NAME\", \"_TRIBUTARY_RUN_ID\"";

  @TempDir
  Path spool;

  @Test
  void aStaleWritersChunkAndPublishAreRefusedAndTheTakeoverPublishesEachRowOnce() throws Exception {
    SnowflakeJdbcDouble db = new SnowflakeJdbcDouble(spool);
    RuntimeException staleChunk;
    RuntimeException stalePublish;
    List<String> stagedAfterStaleChunk;
    List<String> targetAfterStalePublish;
    try (SnowflakeSink sink = SnowflakeSinkTestSupport.sink(db, spool);
        TableWriter a = sink.open(spec(RUN_1_SCHEMA, WriteMode.APPEND, 1, 1, RUN_1_AT))) {
      assertThat(a.committedPosition()).isEmpty();
      sink.inChunk(() -> a.write(RUN_1.get(0), List.of(), position(0)));

      try (TableWriter b = sink.open(spec(RUN_1_SCHEMA, WriteMode.APPEND, 1, 2, RUN_1_AT))) {
        assertThat(b.committedPosition()).contains(position(0));
        staleChunk = failure(() -> sink.inChunk(() -> a.write(RUN_1.get(1), List.of(), position(1))));
        stagedAfterStaleChunk = dump(db, "_TRIBUTARY_STG_CUSTOMERS", "\"_TRIBUTARY_SEQ\"");
        sink.inChunk(() -> b.write(RUN_1.get(1), List.of(), position(1)));
        stalePublish = failure(a::finish);
        targetAfterStalePublish = select(db, "CUSTOMERS", COLUMNS);
        b.finish();
      }
    }
    assertThat(select(db, "CUSTOMERS", COLUMNS)).containsExactlyElementsOf(EXPECTED);
    assertThat(stagedAfterStaleChunk).as("staged rows after A's refused chunk: chunk 0's two").hasSize(2);
    assertThat(targetAfterStalePublish).as("target after A's refused publish").isEmpty();
    assertThat(staleChunk).isInstanceOf(TributaryException.class)
        .hasMessageContaining("another run took over job 'erp'");
    assertThat(stalePublish).isInstanceOf(TributaryException.class)
        .hasMessageContaining("another run took over job 'erp'");
    assertThat(dump(db, "_TRIBUTARY_STATE", "1")).singleElement().asString()
        .startsWith("erp|customers|1|{\"updated_at\":\"chunk-1\"}|TRUE|");
  }

  /** A stale writer that staged chunks and publishes after the takeover publishes nothing; the takeover does. */
  @Test
  void aStaleWritersPublishRightAfterTheClaimInsertsNothing() throws Exception {
    SnowflakeJdbcDouble db = new SnowflakeJdbcDouble(spool);
    RuntimeException stalePublish;
    List<String> targetAfterStalePublish;
    try (SnowflakeSink sink = SnowflakeSinkTestSupport.sink(db, spool);
        TableWriter a = sink.open(spec(RUN_1_SCHEMA, WriteMode.APPEND, 1, 1, RUN_1_AT))) {
      sink.inChunk(() -> a.write(RUN_1.get(0), List.of(), position(0)));
      sink.inChunk(() -> a.write(RUN_1.get(1), List.of(), position(1)));
      try (TableWriter b = sink.open(spec(RUN_1_SCHEMA, WriteMode.APPEND, 1, 2, RUN_1_AT))) {
        stalePublish = failure(a::finish);
        targetAfterStalePublish = select(db, "CUSTOMERS", COLUMNS);
        assertThat(b.committedPosition()).contains(position(1));
        b.finish();
      }
    }
    assertThat(select(db, "CUSTOMERS", COLUMNS)).containsExactly("1|Ada|1", "2|Grace, \"the\" admiral|1", "3|Linus|1");
    assertThat(targetAfterStalePublish).as("target after A's refused publish").isEmpty();
    assertThat(stalePublish).isInstanceOf(TributaryException.class)
        .hasMessageContaining("another run took over job 'erp'");
  }

  /**
   * A new job instance takes the stream over (the stale run's instance is abandoned): its open starts the staging
   * table over; the stale writer's next chunk is refused and stages nothing into it, so the new instance publishes
   * only its own rows.
   */
  @Test
  void aNewInstanceTakingOverPublishesOnlyItsOwnRows() throws Exception {
    SnowflakeJdbcDouble db = new SnowflakeJdbcDouble(spool);
    RuntimeException staleChunk;
    try (SnowflakeSink sink = SnowflakeSinkTestSupport.sink(db, spool);
        TableWriter a = sink.open(spec(RUN_1_SCHEMA, WriteMode.APPEND, 1, 1, RUN_1_AT))) {
      sink.inChunk(() -> a.write(RUN_1.get(0), List.of(), position(0)));
      try (TableWriter b = sink.open(spec(RUN_1_SCHEMA, WriteMode.APPEND, 2, 2, RUN_1_AT))) {
        assertThat(b.committedPosition()).isEmpty();
        staleChunk = failure(() -> sink.inChunk(() -> a.write(RUN_1.get(1), List.of(), position(1))));
        sink.inChunk(() -> b.write(RUN_1.get(1), List.of(), position(1)));
        b.finish();
      }
    }
    assertThat(select(db, "CUSTOMERS", COLUMNS)).containsExactly("3|Linus|2");
    assertThat(staleChunk).isInstanceOf(TributaryException.class)
        .hasMessageContaining("another run took over job 'erp'");
  }

  /** What {@code action} threw, or null: the test looks at the tables first, then at the failures. */
  private static RuntimeException failure(Runnable action) {
    try {
      action.run();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }
}
