package io.tributary.sink.databricks;

import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_1;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_1_AT;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_1_SCHEMA;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.load;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.select;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Row;
import io.tributary.core.WriteMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 16 at the JDBC seam: a replace run whose publish committed in Databricks but whose step completion never
 * reached the job repository (the kill falls after {@code finish()} returns). The restart is the same job instance
 * with a new run id; it resumes after the committed position and reads the rows that arrived in between.
 */
@Tag("unit")
class DatabricksPublishWindowTest {

  private static final String COLUMNS = "\"id\", \"name\"";

  @TempDir
  Path spool;

  @Test
  void aReplaceRestartedAfterItsPublishCommittedKeepsThePublishedCopyAndAddsTheNewRows() throws Exception {
    DatabricksJdbcDouble db = new DatabricksJdbcDouble(spool);
    try (DatabricksSink sink = DatabricksSinkTestSupport.sink(db, spool)) {
      load(sink, spec(RUN_1_SCHEMA, WriteMode.REPLACE, 1, 1, RUN_1_AT), RUN_1);
      assertThat(select(db, "customers", COLUMNS)).containsExactly("1|Ada", "2|Grace, \"the\" admiral", "3|Linus");
      // killed here; the source gained id 6 after the position the warehouse recorded
      List<List<Row>> withNewRow = new ArrayList<>(RUN_1);
      withNewRow.add(List.of(new Row(new Object[] {6L, "Barbara", null, null, null, null, null, null}, false)));
      load(sink, spec(RUN_1_SCHEMA, WriteMode.REPLACE, 1, 2, RUN_1_AT), withNewRow);
      assertThat(select(db, "customers", COLUMNS)).containsExactly("1|Ada", "2|Grace, \"the\" admiral", "3|Linus",
          "6|Barbara");
    }
  }

  @Test
  void aReplaceRestartedAfterItsPublishCommittedWithNothingNewChangesNothing() throws Exception {
    DatabricksJdbcDouble db = new DatabricksJdbcDouble(spool);
    try (DatabricksSink sink = DatabricksSinkTestSupport.sink(db, spool)) {
      load(sink, spec(RUN_1_SCHEMA, WriteMode.REPLACE, 1, 1, RUN_1_AT), RUN_1);
      int before = db.log().size();
      load(sink, spec(RUN_1_SCHEMA, WriteMode.REPLACE, 1, 2, RUN_1_AT), RUN_1);
      assertThat(select(db, "customers", COLUMNS)).containsExactly("1|Ada", "2|Grace, \"the\" admiral", "3|Linus");
      assertThat(db.log().subList(before, db.log().size())).noneMatch(s -> s.startsWith("INSERT OVERWRITE `raw`.`customers`"));
    }
  }
}
