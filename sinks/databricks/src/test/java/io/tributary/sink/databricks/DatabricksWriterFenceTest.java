package io.tributary.sink.databricks;

import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_1;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_1_AT;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_1_SCHEMA;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.dump;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.position;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.select;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers of one append stream, as when a run lost its run lock and a later run took it over while the stale run
 * still writes: writer A (run 1) opens and commits chunk 0, writer B (run 2) opens and claims the stream's state row.
 * Databricks cannot roll a refused COPY back, so A's next chunk and its publish are refused before they run, a chunk of
 * A that races that check stages rows nobody reads, and B publishes each of RUN_1's three rows exactly once.
 */
@Tag("unit")
class DatabricksWriterFenceTest {

  /** RUN_1's rows, with the run that staged each: chunk 0 (ids 1, 2) by A, chunk 1 (id 3) by B. */
  private static final List<String> EXPECTED = List.of(
      "1|Ada|1",
      "2|Grace, \"the\" admiral|1",
      "3|Linus|2");
  private static final String COLUMNS = "\"id\", \"name\", \"_tributary_run_id\"";
  private static final String STAGING = "_tributary_stg_customers";

  @TempDir
  Path spool;

  @Test
  void aStaleWritersChunkAndPublishAreRefusedAndTheTakeoverPublishesEachRowOnce() throws Exception {
    DatabricksJdbcDouble db = new DatabricksJdbcDouble(spool);
    RuntimeException staleChunk;
    RuntimeException stalePublish;
    List<String> stagedAfterStaleChunk;
    List<String> targetAfterStalePublish;
    try (DatabricksSink sink = DatabricksSinkTestSupport.sink(db, spool);
        TableWriter a = sink.open(spec(RUN_1_SCHEMA, WriteMode.APPEND, 1, 1, RUN_1_AT))) {
      assertThat(a.committedPosition()).isEmpty();
      sink.inChunk(() -> a.write(RUN_1.get(0), List.of(), position(0)));

      try (TableWriter b = sink.open(spec(RUN_1_SCHEMA, WriteMode.APPEND, 1, 2, RUN_1_AT))) {
        assertThat(b.committedPosition()).contains(position(0));
        staleChunk = failure(() -> sink.inChunk(() -> a.write(RUN_1.get(1), List.of(), position(1))));
        stagedAfterStaleChunk = dump(db, STAGING, "\"_tributary_seq\"");
        sink.inChunk(() -> b.write(RUN_1.get(1), List.of(), position(1)));
        stalePublish = failure(a::finish);
        targetAfterStalePublish = select(db, "customers", COLUMNS);
        b.finish();
      }
    }
    assertThat(select(db, "customers", COLUMNS)).containsExactlyElementsOf(EXPECTED);
    assertThat(stagedAfterStaleChunk).as("staged rows after A's refused chunk: chunk 0's two and its marker")
        .hasSize(3);
    assertThat(targetAfterStalePublish).as("target after A's refused publish").isEmpty();
    assertThat(staleChunk).isInstanceOf(TributaryException.class)
        .hasMessageContaining("another run took over job 'erp'");
    assertThat(stalePublish).isInstanceOf(TributaryException.class)
        .hasMessageContaining("another run took over job 'erp'");
    assertThat(dump(db, "_tributary_state", "1")).singleElement().asString()
        .startsWith("erp|customers|1|{\"updated_at\":\"chunk-1\"}|TRUE|");
  }

  /**
   * A's chunk 1 passes its claim check just before B claims, and its COPY commits after B's open: the rows carry A's
   * claim, so B neither resumes after them nor publishes them.
   */
  @Test
  void aStaleChunkCommittedAfterTheTakeoverIsNeverReadOrPublished() throws Exception {
    DatabricksJdbcDouble db = new DatabricksJdbcDouble(spool);
    try (DatabricksSink sink = DatabricksSinkTestSupport.sink(db, spool);
        TableWriter a = sink.open(spec(RUN_1_SCHEMA, WriteMode.APPEND, 1, 1, RUN_1_AT))) {
      sink.inChunk(() -> a.write(RUN_1.get(0), List.of(), position(0)));
      String claimOfA = claim(db);
      try (TableWriter b = sink.open(spec(RUN_1_SCHEMA, WriteMode.APPEND, 1, 2, RUN_1_AT))) {
        String claimOfB = claim(db);
        // the interleaving of two sessions, replayed in one: A's check reads its own claim, B's claim lands after it
        setClaim(db, claimOfA);
        sink.inChunk(() -> a.write(RUN_1.get(1), List.of(), position(1)));
        setClaim(db, claimOfB);
        assertThat(dump(db, STAGING, "\"_tributary_seq\"")).as("A's chunk 1 is staged: 3 rows of chunk 0, 2 of 1")
            .hasSize(5);
        assertThat(b.committedPosition()).contains(position(0));
        sink.inChunk(() -> b.write(RUN_1.get(1), List.of(), position(1)));
        b.finish();
      }
    }
    assertThat(select(db, "customers", COLUMNS)).containsExactlyElementsOf(EXPECTED);
  }

  /** A stale writer that staged chunks and publishes after the takeover publishes nothing; the takeover does. */
  @Test
  void aStaleWritersPublishRightAfterTheClaimInsertsNothing() throws Exception {
    DatabricksJdbcDouble db = new DatabricksJdbcDouble(spool);
    RuntimeException stalePublish;
    List<String> targetAfterStalePublish;
    try (DatabricksSink sink = DatabricksSinkTestSupport.sink(db, spool);
        TableWriter a = sink.open(spec(RUN_1_SCHEMA, WriteMode.APPEND, 1, 1, RUN_1_AT))) {
      sink.inChunk(() -> a.write(RUN_1.get(0), List.of(), position(0)));
      sink.inChunk(() -> a.write(RUN_1.get(1), List.of(), position(1)));
      try (TableWriter b = sink.open(spec(RUN_1_SCHEMA, WriteMode.APPEND, 1, 2, RUN_1_AT))) {
        stalePublish = failure(a::finish);
        targetAfterStalePublish = select(db, "customers", COLUMNS);
        assertThat(b.committedPosition()).contains(position(1));
        b.finish();
      }
    }
    assertThat(select(db, "customers", COLUMNS)).containsExactly("1|Ada|1", "2|Grace, \"the\" admiral|1", "3|Linus|1");
    assertThat(targetAfterStalePublish).as("target after A's refused publish").isEmpty();
    assertThat(stalePublish).isInstanceOf(TributaryException.class)
        .hasMessageContaining("another run took over job 'erp'");
  }

  /**
   * A new job instance takes the stream over (the stale run's instance is abandoned): its open starts the staging
   * table over; the stale writer's next chunk is refused, so the new instance publishes only its own rows.
   */
  @Test
  void aNewInstanceTakingOverPublishesOnlyItsOwnRows() throws Exception {
    DatabricksJdbcDouble db = new DatabricksJdbcDouble(spool);
    RuntimeException staleChunk;
    try (DatabricksSink sink = DatabricksSinkTestSupport.sink(db, spool);
        TableWriter a = sink.open(spec(RUN_1_SCHEMA, WriteMode.APPEND, 1, 1, RUN_1_AT))) {
      sink.inChunk(() -> a.write(RUN_1.get(0), List.of(), position(0)));
      try (TableWriter b = sink.open(spec(RUN_1_SCHEMA, WriteMode.APPEND, 2, 2, RUN_1_AT))) {
        assertThat(b.committedPosition()).isEmpty();
        staleChunk = failure(() -> sink.inChunk(() -> a.write(RUN_1.get(1), List.of(), position(1))));
        sink.inChunk(() -> b.write(RUN_1.get(1), List.of(), position(1)));
        b.finish();
      }
    }
    assertThat(select(db, "customers", COLUMNS)).containsExactly("3|Linus|2");
    assertThat(staleChunk).isInstanceOf(TributaryException.class)
        .hasMessageContaining("another run took over job 'erp'");
  }

  /** The claim the state row names now, read beside the sink. */
  private static String claim(DatabricksJdbcDouble db) throws SQLException {
    try (Connection c = db.h2();
        PreparedStatement ps = c.prepareStatement("SELECT \"writer\" FROM \"raw\".\"_tributary_state\"");
        ResultSet rs = ps.executeQuery()) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  private static void setClaim(DatabricksJdbcDouble db, String claim) throws SQLException {
    try (Connection c = db.h2();
        PreparedStatement ps = c.prepareStatement("UPDATE \"raw\".\"_tributary_state\" SET \"writer\" = ?")) {
      ps.setString(1, claim);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
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
