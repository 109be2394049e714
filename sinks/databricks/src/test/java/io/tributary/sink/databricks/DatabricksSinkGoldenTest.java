package io.tributary.sink.databricks;

import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_1;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_1_AT;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_1_SCHEMA;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_2;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_2_AT;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_2_SCHEMA;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.assertGolden;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.dump;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.load;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.WriteMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden files pin every statement the sink sends, per mode, for two runs: create (run 1), evolve (run 2 adds a
 * column and widens a DECIMAL), stage (PUT of the data and control files), one COPY INTO the staging table per chunk,
 * publish (quarantine INSERT, then MERGE / COPY INTO the target / INSERT OVERWRITE, the state MERGE, the staging
 * DELETE), cleanup (REMOVE). No statement runs in a transaction: the double refuses one. The final tables are
 * compared with rows written by hand.
 */
@Tag("unit")
class DatabricksSinkGoldenTest {

  private static final String ADA = "1|Ada|12.50|2024-01-02|2024-03-01 10:00:00.123456+00|TRUE|1.5|{\"tier\":\"gold\"}"
      + "|2024-05-01 00:00:00+00|1|FALSE|null";
  private static final String GRACE_RUN_1 = "2|Grace, \"the\" admiral|-3.10|2023-12-31|2024-03-01 11:00:00+00|FALSE"
      + "|null|null|2024-05-01 00:00:00+00|1|FALSE|null";

  @TempDir
  Path spool;

  @Test
  void mergeKeepsTheLatestRowPerKeyAndSoftDeletesByKey() throws Exception {
    DatabricksJdbcDouble db = twoRuns(WriteMode.MERGE);
    assertGolden("merge.sql", db.log());
    assertThat(dump(db, "customers", "\"id\"")).containsExactly(
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
    DatabricksJdbcDouble db = twoRuns(WriteMode.APPEND);
    assertGolden("append.sql", db.log());
    assertThat(dump(db, "customers", "\"_tributary_run_id\", \"id\", \"name\"")).containsExactly(
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
    DatabricksJdbcDouble db = twoRuns(WriteMode.REPLACE);
    assertGolden("replace.sql", db.log());
    assertThat(dump(db, "customers", "\"id\"")).containsExactly(
        "2|null|null|null|null|null|null|null|2024-05-02 00:00:00+00|2|TRUE|null",
        "3|Linus T.|123456789012.99|2024-02-29|2024-03-02 09:00:00+00|TRUE|-0.25|null"
            + "|2024-05-02 00:00:00+00|2|FALSE|t3",
        "4|Ken Thompson|0.02|2024-03-02|2024-03-02 11:00:00+00|TRUE|9.5|null|2024-05-02 00:00:00+00|2|FALSE|t2",
        "5||null|null|null|null|null|null|2024-05-02 00:00:00+00|2|FALSE|null");
  }

  @Test
  void stageIsEmptyAndStagingTableEmptyAfterEachRun() throws Exception {
    DatabricksJdbcDouble db = twoRuns(WriteMode.MERGE);
    assertThat(db.volume()).isEmpty();
    assertThat(dump(db, "_tributary_stg_customers", "1")).isEmpty();
    assertThat(dump(db, "_tributary_state", "1")).singleElement().asString()
        .startsWith("erp|customers|2|{\"updated_at\":\"chunk-2\"}|TRUE|");
  }

  private DatabricksJdbcDouble twoRuns(WriteMode mode) throws Exception {
    DatabricksJdbcDouble db = new DatabricksJdbcDouble(spool);
    try (DatabricksSink sink = DatabricksSinkTestSupport.sink(db, spool)) {
      load(sink, spec(RUN_1_SCHEMA, mode, 1, 1, RUN_1_AT), RUN_1);
      load(sink, spec(RUN_2_SCHEMA, mode, 2, 2, RUN_2_AT), RUN_2);
    }
    return db;
  }
}
