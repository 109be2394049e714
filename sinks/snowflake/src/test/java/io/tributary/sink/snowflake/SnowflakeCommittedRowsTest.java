package io.tributary.sink.snowflake;

import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.RUN_1;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.RUN_1_AT;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.RUN_1_SCHEMA;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.RUN_2;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.RUN_2_AT;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.RUN_2_SCHEMA;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.load;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.position;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.ChunkOutcome;
import io.tributary.core.Row;
import io.tributary.core.RunInfo;
import io.tributary.core.StreamSchema;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 7 (the warehouse is verified, not trusted) at Snowflake's JDBC seam: the rows a publish inserted are kept in
 * {@code _TRIBUTARY_STATE} with the publish, and a target that holds fewer fails the next open or the end of the
 * stream, naming the table and both counts. The expected counts are the distinct keys each test loads.
 */
@Tag("unit")
class SnowflakeCommittedRowsTest {

  @TempDir
  Path spool;

  @Test
  void aTargetTruncatedBetweenTwoRunsFailsTheNextOpen() throws Exception {
    SnowflakeJdbcDouble db = new SnowflakeJdbcDouble(spool);
    try (SnowflakeSink sink = SnowflakeSinkTestSupport.sink(db, spool)) {
      load(sink, spec(WriteMode.MERGE, 1, 1, false), RUN_1);
      h2(db, "DELETE FROM \"RAW\".\"CUSTOMERS\"");
      assertThatThrownBy(() -> sink.open(spec(WriteMode.MERGE, 2, 2, false)))
          .isInstanceOfSatisfying(TributaryException.class,
              e -> assertThat(e.kind()).isEqualTo(TributaryException.Kind.INTERNAL))
          .hasMessageContaining("table RAW.CUSTOMERS holds 0 rows but Tributary committed 3 rows into it");
    }
  }

  @Test
  void aTargetDroppedBetweenAFailedRunAndItsRestartFailsTheRestartAndIsNotRecreated() throws Exception {
    SnowflakeJdbcDouble db = new SnowflakeJdbcDouble(spool);
    try (SnowflakeSink sink = SnowflakeSinkTestSupport.sink(db, spool)) {
      load(sink, spec(WriteMode.MERGE, 1, 1, false), RUN_1);
      TableSpec run2 = new TableSpec("customers", "customers", RUN_2_SCHEMA, WriteMode.MERGE,
          new RunInfo("erp", 2, 2, RUN_2_AT));
      try (TableWriter writer = sink.open(run2)) {
        sink.inChunk(() -> writer.write(RUN_2.get(0), List.of(), position(0)));
        // the run fails here, before its publish
      }
      h2(db, "DROP TABLE \"RAW\".\"CUSTOMERS\"");
      TableSpec restart = new TableSpec("customers", "customers", RUN_2_SCHEMA, WriteMode.MERGE,
          new RunInfo("erp", 2, 3, RUN_2_AT));
      assertThatThrownBy(() -> sink.open(restart))
          .hasMessageContaining("table RAW.CUSTOMERS holds 0 rows but Tributary committed 3 rows into it");
      assertThat(count(db, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'CUSTOMERS'"))
          .isZero();
    }
  }

  @Test
  void rowsDeletedFromTheTargetDuringARunFailTheEndOfStreamCheckBeforeThePublish() throws Exception {
    SnowflakeJdbcDouble db = new SnowflakeJdbcDouble(spool);
    try (SnowflakeSink sink = SnowflakeSinkTestSupport.sink(db, spool)) {
      load(sink, spec(WriteMode.APPEND, 1, 1, false), RUN_1);
      try (TableWriter writer = sink.open(spec(WriteMode.APPEND, 2, 2, false))) {
        sink.inChunk(() -> writer.write(RUN_1.get(1), List.of(), position(1)));
        h2(db, "DELETE FROM \"RAW\".\"CUSTOMERS\" WHERE \"ID\" = 1");
        assertThatThrownBy(writer::verifyCommittedRows)
            .hasMessageContaining("table RAW.CUSTOMERS holds 2 rows but Tributary committed 3 rows into it");
      }
    }
  }

  @Test
  void mergedUpdatesAndSoftDeletesAddNoRowsNewKeysDo() throws Exception {
    SnowflakeJdbcDouble db = new SnowflakeJdbcDouble(spool);
    try (SnowflakeSink sink = SnowflakeSinkTestSupport.sink(db, spool)) {
      load(sink, spec(WriteMode.MERGE, 1, 1, false), RUN_1);
      load(sink, new TableSpec("customers", "customers", RUN_2_SCHEMA, WriteMode.MERGE,
          new RunInfo("erp", 2, 2, RUN_2_AT)), RUN_2);
      // keys 1, 2, 3, then 4 (twice), 3 again, 2 soft-deleted and 5: five keys
      assertThat(count(db, "SELECT \"TARGET_ROWS\" FROM \"RAW\".\"_TRIBUTARY_STATE\"")).isEqualTo(5);
      assertThat(count(db, "SELECT COUNT(*) FROM \"RAW\".\"CUSTOMERS\"")).isEqualTo(5);
    }
  }

  @Test
  void aFullRefreshAcceptsTheTargetAsItIsAndItsRestartChecksAgain() throws Exception {
    SnowflakeJdbcDouble db = new SnowflakeJdbcDouble(spool);
    try (SnowflakeSink sink = SnowflakeSinkTestSupport.sink(db, spool)) {
      load(sink, spec(WriteMode.APPEND, 1, 1, false), RUN_1);
      h2(db, "DELETE FROM \"RAW\".\"CUSTOMERS\"");
      try (TableWriter writer = sink.open(spec(WriteMode.APPEND, 2, 2, true))) {
        sink.inChunk(() -> writer.write(RUN_1.get(0), List.of(), position(0)));
        writer.verifyCommittedRows();
        writer.finish();
      }
      assertThat(count(db, "SELECT COUNT(*) FROM \"RAW\".\"CUSTOMERS\"")).isEqualTo(2);
      h2(db, "DELETE FROM \"RAW\".\"CUSTOMERS\" WHERE \"ID\" = 1");
      // the full refresh's own restart (same instance) checks what it committed
      assertThatThrownBy(() -> sink.open(spec(WriteMode.APPEND, 2, 3, true)))
          .hasMessageContaining("table RAW.CUSTOMERS holds 1 rows but Tributary committed 2 rows into it");
    }
  }

  @Test
  void aReplacePublishIsTheNewBaselineAndARunBeforeItsFirstPublishChecksNothing() throws Exception {
    SnowflakeJdbcDouble db = new SnowflakeJdbcDouble(spool);
    try (SnowflakeSink sink = SnowflakeSinkTestSupport.sink(db, spool)) {
      load(sink, spec(WriteMode.REPLACE, 1, 1, false), RUN_1);
      h2(db, "DELETE FROM \"RAW\".\"CUSTOMERS\"");
      load(sink, spec(WriteMode.REPLACE, 2, 2, false), RUN_1);
      load(sink, spec(WriteMode.REPLACE, 3, 3, false), RUN_1);
      assertThat(count(db, "SELECT \"TARGET_ROWS\" FROM \"RAW\".\"_TRIBUTARY_STATE\"")).isEqualTo(3);
      assertThat(count(db, "SELECT COUNT(*) FROM \"RAW\".\"CUSTOMERS\"")).isEqualTo(3);
    }
  }

  /** A job repository replaced while the warehouse is kept numbers its instances from 1 again (RepositoryResetIT). */
  @Test
  void aStateRowOfAnotherJobRepositoryIsRefusedUntilAFullRefresh() throws Exception {
    SnowflakeJdbcDouble db = new SnowflakeJdbcDouble(spool);
    long firstRepository = RunInfo.instanceKey(7, 1);
    long secondRepository = RunInfo.instanceKey(9, 1);
    try (SnowflakeSink sink = SnowflakeSinkTestSupport.sink(db, spool)) {
      load(sink, spec(WriteMode.MERGE, firstRepository, 1, false), RUN_1);
      assertThatThrownBy(() -> sink.open(spec(WriteMode.MERGE, secondRepository, 2, false)))
          .isInstanceOfSatisfying(TributaryException.class,
              e -> assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG))
          .hasMessageContaining("last loaded into this warehouse by job instance 1 of another job repository (id 7;"
              + " this run's repository has id 9)");
      assertThat(count(db, "SELECT \"INSTANCE_ID\" FROM \"RAW\".\"_TRIBUTARY_STATE\"")).isEqualTo(firstRepository);
      load(sink, spec(WriteMode.MERGE, secondRepository, 2, true), RUN_1);
      assertThat(count(db, "SELECT \"INSTANCE_ID\" FROM \"RAW\".\"_TRIBUTARY_STATE\"")).isEqualTo(secondRepository);
      assertThat(count(db, "SELECT COUNT(*) FROM \"RAW\".\"CUSTOMERS\"")).isEqualTo(3);
    }
  }

  @Test
  void aChunkReportsTheRowsSnowflakeCannotHoldAsQuarantinedNotWritten() throws Exception {
    SnowflakeJdbcDouble db = new SnowflakeJdbcDouble(spool);
    try (SnowflakeSink sink = SnowflakeSinkTestSupport.sink(db, spool);
        TableWriter writer = sink.open(spec(WriteMode.MERGE, 1, 1, false))) {
      List<Row> rows = List.of(row(1, "1.5"), row(2, "1.234"), row(3, "2"));
      ChunkOutcome outcome = sink.inChunk(() -> writer.load(rows, List.of(), position(0)));
      writer.finish();
      // 1.234 has more decimal places than NUMBER(12,2)
      assertThat(outcome).isEqualTo(new ChunkOutcome(2, 1));
      assertThat(count(db, "SELECT COUNT(*) FROM \"RAW\".\"CUSTOMERS\"")).isEqualTo(2);
      assertThat(count(db, "SELECT COUNT(*) FROM \"RAW\".\"_TRIBUTARY_QUARANTINE\"")).isEqualTo(1);
    }
  }

  private static TableSpec spec(WriteMode mode, long instance, long runId, boolean fullRefresh) {
    return new TableSpec("customers", "customers", RUN_1_SCHEMA, mode,
        new RunInfo("erp", instance, runId, RUN_1_AT), fullRefresh);
  }

  private static Row row(long id, String amount) {
    return new Row(new Object[] {id, "n" + id, new BigDecimal(amount), null, Instant.parse("2024-03-01T00:00:00Z"),
        null, null, null}, false);
  }

  private static void h2(SnowflakeJdbcDouble db, String sql) throws SQLException {
    try (Connection c = db.h2();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long count(SnowflakeJdbcDouble db, String sql) throws SQLException {
    try (Connection c = db.h2();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
