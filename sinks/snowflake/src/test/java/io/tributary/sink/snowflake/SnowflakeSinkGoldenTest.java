package io.tributary.sink.snowflake;

import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.RUN_1;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.RUN_1_AT;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.RUN_1_SCHEMA;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.RUN_2;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.RUN_2_AT;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.RUN_2_SCHEMA;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.assertGolden;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.dump;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.load;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.WriteMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden files pin every statement the sink sends, per mode, for two runs: create (run 1), evolve (run 2 adds a
 * column and widens a NUMBER), stage (PUT), COPY, publish (MERGE / INSERT / DELETE+INSERT), state, cleanup (REMOVE),
 * with the transaction boundaries. The final tables are compared with rows written by hand.
 */
@Tag("unit")
class SnowflakeSinkGoldenTest {

  private static final String ADA = "1|Ada|12.50|2024-01-02|2024-03-01 10:00:00.123456+00|TRUE|1.5|{\"tier\":\"gold\"}"
      + "|2024-05-01 00:00:00+00|1|FALSE|null";
  private static final String GRACE_RUN_1 = "2|Grace, \"the\" admiral|-3.10|2023-12-31|2024-03-01 11:00:00+00|FALSE"
      + "|null|null|2024-05-01 00:00:00+00|1|FALSE|null";

  @TempDir
  Path spool;

  @Test
  void mergeKeepsTheLatestRowPerKeyAndSoftDeletesByKey() throws Exception {
    SnowflakeJdbcDouble db = twoRuns(WriteMode.MERGE);
    assertGolden("merge.sql", db.log());
    assertThat(dump(db, "CUSTOMERS", "\"ID\"")).containsExactly(
        ADA,
        "2|Grace, \"the\" admiral|-3.10|2023-12-31|2024-03-01 11:00:00+00|FALSE|null|null"
            + "|2024-05-02 00:00:00+00|2|TRUE|null",
        "3|Linus T.|123456789012.99|2024-02-29|2024-03-02 09:00:00+00|TRUE|-0.25|null"
            + "|2024-05-02 00:00:00+00|2|FALSE|t3",
        "4|Ken Thompson|0.02|2024-03-02|2024-03-02 11:00:00+00|TRUE|9.5|null|2024-05-02 00:00:00+00|2|FALSE|t2",
        "5||null|null|null|null|null|null|2024-05-02 00:00:00+00|2|FALSE|null");
  }

  @Test
  void appendKeepsEveryRowInLoadOrder() throws Exception {
    SnowflakeJdbcDouble db = twoRuns(WriteMode.APPEND);
    assertGolden("append.sql", db.log());
    assertThat(dump(db, "CUSTOMERS", "\"_TRIBUTARY_RUN_ID\", \"ID\", \"NAME\"")).containsExactly(
        ADA, GRACE_RUN_1,
        "3|Linus|1000000.00|2024-02-29|2024-03-01 12:00:00+00|TRUE|-0.25|{\"tags\":[\"a\",\"b\"]}"
            + "|2024-05-01 00:00:00+00|1|FALSE|null",
        "2|null|null|null|null|null|null|null|2024-05-02 00:00:00+00|2|TRUE|null",
        "3|Linus T.|123456789012.99|2024-02-29|2024-03-02 09:00:00+00|TRUE|-0.25|null"
            + "|2024-05-02 00:00:00+00|2|FALSE|t3",
        "4|Ken|0.01|2024-03-02|2024-03-02 10:00:00+00|FALSE|9.75|null|2024-05-02 00:00:00+00|2|FALSE|t1",
        "4|Ken Thompson|0.02|2024-03-02|2024-03-02 11:00:00+00|TRUE|9.5|null|2024-05-02 00:00:00+00|2|FALSE|t2",
        "5||null|null|null|null|null|null|2024-05-02 00:00:00+00|2|FALSE|null");
  }

  @Test
  void replaceHoldsOnlyTheLastRunDeduplicatedByKey() throws Exception {
    SnowflakeJdbcDouble db = twoRuns(WriteMode.REPLACE);
    assertGolden("replace.sql", db.log());
    assertThat(dump(db, "CUSTOMERS", "\"ID\"")).containsExactly(
        "2|null|null|null|null|null|null|null|2024-05-02 00:00:00+00|2|TRUE|null",
        "3|Linus T.|123456789012.99|2024-02-29|2024-03-02 09:00:00+00|TRUE|-0.25|null"
            + "|2024-05-02 00:00:00+00|2|FALSE|t3",
        "4|Ken Thompson|0.02|2024-03-02|2024-03-02 11:00:00+00|TRUE|9.5|null|2024-05-02 00:00:00+00|2|FALSE|t2",
        "5||null|null|null|null|null|null|2024-05-02 00:00:00+00|2|FALSE|null");
  }

  /**
   * {@code replace_target: transient}: the target is created TRANSIENT without Time Travel (the old copy a replace
   * deletes is not billed for retention + Fail-safe); every other statement, and the final table, as replace.sql.
   */
  @Test
  void replaceIntoATransientTargetCreatesItWithoutTimeTravel() throws Exception {
    String permanent = "CREATE TABLE IF NOT EXISTS \"RAW\".\"CUSTOMERS\" (";
    List<String> expected = golden("replace.sql").stream()
        .map(sql -> sql.startsWith(permanent)
            ? "CREATE TRANSIENT TABLE IF NOT EXISTS \"RAW\".\"CUSTOMERS\" (" + sql.substring(permanent.length())
                + " DATA_RETENTION_TIME_IN_DAYS = 0"
            : sql)
        .toList();
    assertThat(expected).filteredOn(sql -> sql.startsWith("CREATE TRANSIENT TABLE IF NOT EXISTS \"RAW\".\"CUSTOMERS\""))
        .hasSize(1);
    SnowflakeJdbcDouble db = twoRuns(WriteMode.REPLACE, "transient");
    assertThat(db.log()).containsExactlyElementsOf(expected);
    assertThat(dump(db, "CUSTOMERS", "\"ID\"")).containsExactlyElementsOf(
        dump(twoRuns(WriteMode.REPLACE, null), "CUSTOMERS", "\"ID\""));
  }

  private static List<String> golden(String resource) throws Exception {
    try (var in = SnowflakeSinkGoldenTest.class.getResourceAsStream("/sink/snowflake/golden/" + resource)) {
      return List.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n"));
    }
  }

  @Test
  void onlyReplaceStreamsGetATransientTarget() throws Exception {
    SnowflakeJdbcDouble db = twoRuns(WriteMode.MERGE, "transient");
    assertGolden("merge.sql", db.log());
  }

  @Test
  void stageIsEmptyAndStagingTableEmptyAfterEachRun() throws Exception {
    SnowflakeJdbcDouble db = twoRuns(WriteMode.MERGE);
    assertThat(db.stage()).isEmpty();
    assertThat(dump(db, "_TRIBUTARY_STG_CUSTOMERS", "1")).isEmpty();
    assertThat(dump(db, "_TRIBUTARY_STATE", "1")).singleElement().asString()
        .startsWith("erp|customers|2|{\"updated_at\":\"chunk-2\"}|TRUE|");
  }

  private SnowflakeJdbcDouble twoRuns(WriteMode mode) throws Exception {
    return twoRuns(mode, null);
  }

  private SnowflakeJdbcDouble twoRuns(WriteMode mode, String replaceTarget) throws Exception {
    SnowflakeJdbcDouble db = new SnowflakeJdbcDouble(spool.resolve(mode + "-" + replaceTarget));
    try (SnowflakeSink sink = SnowflakeSinkTestSupport.sink(db, spool.resolve(mode + "-" + replaceTarget),
        replaceTarget)) {
      load(sink, spec(RUN_1_SCHEMA, mode, 1, 1, RUN_1_AT), RUN_1);
      load(sink, spec(RUN_2_SCHEMA, mode, 2, 2, RUN_2_AT), RUN_2);
    }
    return db;
  }
}
