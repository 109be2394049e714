package io.tributary.sink.databricks;

import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_1;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_1_AT;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_1_SCHEMA;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_2;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_2_AT;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_2_SCHEMA;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.select;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.load;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionSystemException;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real statement sequence of run 2 (incremental, three chunks) fails at each of its statements in turn, after a
 * clean run 1. Each time: the run fails with a classified error (or, for the best-effort REMOVE of a file, goes on),
 * the target still holds exactly run 1's rows, and the restarted run (same job instance, next execution) completes
 * to the same table as an undisturbed run 2, with no duplicate rows.
 */
@Tag("unit")
class DatabricksSinkContractTest {

  /** Data columns and the delete flag: the run id differs between a first attempt and its restart, by design. */
  private static final String COLUMNS = "\"id\", \"name\", \"amount\", \"tier\", \"_tributary_deleted\"";
  /** Run 1's columns: run 2's ALTER TABLE (DDL, committed on its own in Databricks too) may have added TIER. */
  private static final String RUN_1_COLUMNS = "\"id\", \"name\", \"amount\", \"_tributary_run_id\", \"_tributary_deleted\"";

  @TempDir
  Path spool;

  @Test
  void mergeSurvivesAFailureAtEveryStatement() throws Exception {
    failAtEveryStatement(WriteMode.MERGE, List.of(
        "1|Ada|12.50|null|FALSE",
        "2|Grace, \"the\" admiral|-3.10|null|TRUE",
        "3|Linus T.|123456789012.99|t3|FALSE",
        "4|Ken Thompson|0.02|t2|FALSE",
        "5||null|null|FALSE"));
  }

  @Test
  void appendSurvivesAFailureAtEveryStatementWithoutDuplicates() throws Exception {
    failAtEveryStatement(WriteMode.APPEND, List.of(
        "1|Ada|12.50|null|FALSE",
        "2|null|null|null|TRUE",
        "2|Grace, \"the\" admiral|-3.10|null|FALSE",
        "3|Linus|1000000.00|null|FALSE",
        "3|Linus T.|123456789012.99|t3|FALSE",
        "4|Ken|0.01|t1|FALSE",
        "4|Ken Thompson|0.02|t2|FALSE",
        "5||null|null|FALSE"));
  }

  @Test
  void replaceSurvivesAFailureAtEveryStatement() throws Exception {
    failAtEveryStatement(WriteMode.REPLACE, List.of(
        "2|null|null|null|TRUE",
        "3|Linus T.|123456789012.99|t3|FALSE",
        "4|Ken Thompson|0.02|t2|FALSE",
        "5||null|null|FALSE"));
  }

  @Test
  void aCommitWhoseReplyIsLostIsNotRepeatedOnRestart() throws Exception {
    List<String> expected = List.of(
        "1|Ada|12.50|null|FALSE",
        "2|null|null|null|TRUE",
        "2|Grace, \"the\" admiral|-3.10|null|FALSE",
        "3|Linus|1000000.00|null|FALSE",
        "3|Linus T.|123456789012.99|t3|FALSE",
        "4|Ken|0.01|t1|FALSE",
        "4|Ken Thompson|0.02|t2|FALSE",
        "5||null|null|FALSE");
    int[] range = runTwoStatementRange(WriteMode.APPEND);
    int commits = 0;
    for (int i = range[0]; i < range[1]; i++) {
      DatabricksJdbcDouble db = new DatabricksJdbcDouble(spool);
      try (DatabricksSink sink = DatabricksSinkTestSupport.sink(db, spool)) {
        load(sink, spec(RUN_1_SCHEMA, WriteMode.APPEND, 1, 1, RUN_1_AT), RUN_1);
        db.failAt = i;
        db.commitThenFail = true;
        try {
          load(sink, spec(RUN_2_SCHEMA, WriteMode.APPEND, 2, 2, RUN_2_AT), RUN_2);
        } catch (RuntimeException e) {
          db.failAt = -1;
          load(sink, spec(RUN_2_SCHEMA, WriteMode.APPEND, 2, 3, RUN_2_AT), RUN_2);
        }
        if (db.log().get(i).equals("-- COMMIT")) {
          commits++;
        }
        assertThat(select(db, "customers", COLUMNS)).as("append after a lost reply at " + db.log().get(i))
            .containsExactlyElementsOf(expected);
      }
    }
    assertThat(commits).isGreaterThanOrEqualTo(5);
  }

  private void failAtEveryStatement(WriteMode mode, List<String> expected) throws Exception {
    int[] range = runTwoStatementRange(mode);
    assertThat(range[1] - range[0]).as("statements in run 2").isGreaterThan(20);
    List<String> failedAt = new ArrayList<>();
    for (int i = range[0]; i < range[1]; i++) {
      DatabricksJdbcDouble db = new DatabricksJdbcDouble(spool);
      try (DatabricksSink sink = DatabricksSinkTestSupport.sink(db, spool)) {
        load(sink, spec(RUN_1_SCHEMA, mode, 1, 1, RUN_1_AT), RUN_1);
        List<String> afterRunOne = select(db, "customers", RUN_1_COLUMNS);
        db.failAt = i;
        boolean failed;
        try {
          load(sink, spec(RUN_2_SCHEMA, mode, 2, 2, RUN_2_AT), RUN_2);
          failed = false;
        } catch (TributaryException e) {
          failed = true;
          assertThat(e.kind()).isEqualTo(TributaryException.Kind.TRANSIENT);
        } catch (TransactionSystemException e) {
          // the chunk transaction is the engine's: its failed commit reaches the step as Spring's exception
          failed = true;
        }
        String statement = db.log().get(i);
        if (failed) {
          failedAt.add(statement);
          assertThat(select(db, "customers", RUN_1_COLUMNS)).as("target after a failure at " + statement)
              .containsExactlyElementsOf(afterRunOne);
          db.failAt = -1;
          load(sink, spec(RUN_2_SCHEMA, mode, 2, 3, RUN_2_AT), RUN_2);
        } else {
          assertThat(statement).as("only a best-effort REMOVE (or its commit) may fail without failing the run")
              .matches("REMOVE .*|-- COMMIT");
        }
        assertThat(select(db, "customers", COLUMNS))
            .as("final table after a failure at statement " + i + ": " + statement)
            .containsExactlyElementsOf(expected);
      }
    }
    assertThat(failedAt).anyMatch(s -> s.startsWith("PUT ")).anyMatch(s -> s.startsWith("COPY INTO "))
        .anyMatch(s -> s.startsWith("MERGE INTO `raw`.`_tributary_state`"))
        .anyMatch(s -> s.startsWith("DELETE FROM `raw`.`_tributary_stg_customers`"))
        .anyMatch(s -> s.startsWith("ALTER TABLE")).anyMatch(s -> s.equals("-- COMMIT"));
  }

  /** [first, end) indexes of run 2's statements in the log of an undisturbed two-run load. */
  private int[] runTwoStatementRange(WriteMode mode) throws Exception {
    DatabricksJdbcDouble db = new DatabricksJdbcDouble(spool);
    try (DatabricksSink sink = DatabricksSinkTestSupport.sink(db, spool)) {
      load(sink, spec(RUN_1_SCHEMA, mode, 1, 1, RUN_1_AT), RUN_1);
      int start = db.log().size();
      load(sink, spec(RUN_2_SCHEMA, mode, 2, 2, RUN_2_AT), RUN_2);
      return new int[] {start, db.log().size()};
    }
  }
}
