package io.tributary.sink.databricks;

import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_1;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_1_AT;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_1_SCHEMA;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_2;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_2_AT;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_2_SCHEMA;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.position;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.select;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.Row;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seam contract under Databricks' semantics: the double commits every statement alone and refuses any
 * multi-statement transaction. After a clean run 1, run 2 (incremental, three chunks, one quarantined record) is
 * killed at each of its statements in turn — once before the statement takes effect, once after it committed with its
 * reply lost. Each time the run fails with a transient error (only the best-effort REMOVE after the publish may fail
 * without failing it), and the restarted run (same job instance, next execution) ends with exactly the rows an
 * undisturbed run 2 gives — no row lost, none twice — and the quarantined record exactly once.
 */
@Tag("unit")
class DatabricksSinkContractTest {

  /** Data columns and the delete flag: the run id differs between a first attempt and its restart, by design. */
  private static final String COLUMNS = "\"id\", \"name\", \"amount\", \"tier\", \"_tributary_deleted\"";
  private static final QuarantinedRecord BAD = new QuarantinedRecord("9", "{\"id\":\"nine\"}", List.of("id: not a number"));
  private static final List<String> MERGED = List.of(
      "1|Ada|12.50|null|FALSE",
      "2|Grace, \"the\" admiral|-3.10|null|TRUE",
      "3|Linus T.|123456789012.99|t3|FALSE",
      "4|Ken Thompson|0.02|t2|FALSE",
      "5||null|null|FALSE");
  private static final List<String> APPENDED = List.of(
      "1|Ada|12.50|null|FALSE",
      "2|null|null|null|TRUE",
      "2|Grace, \"the\" admiral|-3.10|null|FALSE",
      "3|Linus|1000000.00|null|FALSE",
      "3|Linus T.|123456789012.99|t3|FALSE",
      "4|Ken|0.01|t1|FALSE",
      "4|Ken Thompson|0.02|t2|FALSE",
      "5||null|null|FALSE");
  private static final List<String> REPLACED = List.of(
      "2|null|null|null|TRUE",
      "3|Linus T.|123456789012.99|t3|FALSE",
      "4|Ken Thompson|0.02|t2|FALSE",
      "5||null|null|FALSE");

  @TempDir
  Path spool;

  @ParameterizedTest(name = "{0}, the statement {1}")
  @CsvSource({"MERGE, refused", "MERGE, committed", "APPEND, refused", "APPEND, committed", "REPLACE, refused",
      "REPLACE, committed"})
  void aRunKilledAtAnyStatementRestartsToExactlyTheSourceRows(WriteMode mode, String failure) throws Exception {
    List<String> expected = switch (mode) {
      case MERGE -> MERGED;
      case APPEND -> APPENDED;
      case REPLACE -> REPLACED;
    };
    int[] range = runTwoStatementRange(mode);
    assertThat(range[1] - range[0]).as("statements in run 2").isGreaterThan(20);
    List<String> failedAt = new ArrayList<>();
    for (int i = range[0]; i < range[1]; i++) {
      DatabricksJdbcDouble db = new DatabricksJdbcDouble(spool);
      try (DatabricksSink sink = DatabricksSinkTestSupport.sink(db, spool)) {
        load(sink, spec(RUN_1_SCHEMA, mode, 1, 1, RUN_1_AT), RUN_1);
        db.failAt = i;
        db.failAfter = failure.equals("committed");
        boolean failed;
        try {
          load(sink, spec(RUN_2_SCHEMA, mode, 2, 2, RUN_2_AT), RUN_2);
          failed = false;
        } catch (TributaryException e) {
          failed = true;
          assertThat(e.kind()).as(e.getMessage()).isEqualTo(TributaryException.Kind.TRANSIENT);
        }
        String statement = db.log().get(i);
        db.failAt = -1;
        if (failed) {
          failedAt.add(statement);
          load(sink, spec(RUN_2_SCHEMA, mode, 2, 3, RUN_2_AT), RUN_2);
        } else {
          assertThat(statement).as("only the best-effort REMOVE after the publish may fail without failing the run")
              .startsWith("REMOVE ");
        }
        assertThat(select(db, "customers", COLUMNS))
            .as("final table after a failure (%s) at statement %d: %s", failure, i, statement)
            .containsExactlyElementsOf(expected);
        assertThat(select(db, "_tributary_quarantine", "\"job\", \"stream\", \"source_key\", \"reasons\""))
            .as("quarantine after a failure at " + statement)
            .containsExactly("erp|customers|9|id: not a number");
      }
    }
    assertThat(failedAt).anyMatch(s -> s.startsWith("PUT ")).anyMatch(s -> s.startsWith("COPY INTO `raw`.`_tr"))
        .anyMatch(s -> s.startsWith("MERGE INTO `raw`.`_tributary_state`"))
        .anyMatch(s -> s.startsWith("INSERT INTO `raw`.`_tributary_quarantine`"))
        .anyMatch(s -> s.startsWith("DELETE FROM `raw`.`_tributary_stg_customers`"))
        .anyMatch(s -> s.startsWith("ALTER TABLE"));
  }

  /** As the engine drives a sink; chunk 2 of run 2 also quarantines a record. */
  private static void load(DatabricksSink sink, TableSpec spec, List<List<Row>> chunks) {
    try (TableWriter writer = sink.open(spec)) {
      Optional<Cursor> committed = writer.committedPosition();
      int start = 0;
      for (int i = 0; i < chunks.size(); i++) {
        if (committed.isPresent() && committed.get().equals(position(i))) {
          start = i + 1;
        }
      }
      for (int i = start; i < chunks.size(); i++) {
        int k = i;
        List<QuarantinedRecord> bad = spec.run().instanceId() == 2 && k == 1 ? List.of(BAD) : List.of();
        sink.inChunk(() -> writer.write(chunks.get(k), bad, position(k)));
      }
      writer.finish();
    }
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
