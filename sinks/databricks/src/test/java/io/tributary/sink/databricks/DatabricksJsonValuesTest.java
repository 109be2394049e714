package io.tributary.sink.databricks;

import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_1_AT;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_1_SCHEMA;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.load;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.select;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Row;
import io.tributary.core.WriteMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 17 at the JDBC seam: JSON the mapper accepts (a duplicate key, which it reads last-wins) but Databricks's
 * strict PARSE_JSON rejects used to fail the run's one publishing statement, and every rerun the same way. The value
 * must reach the warehouse in the form the mapper's semantics give it.
 */
@Tag("unit")
class DatabricksJsonValuesTest {

  @TempDir
  Path spool;

  @Test
  void aDuplicateKeyIsResolvedLastWinsBeforeDatabricksParsesIt() throws Exception {
    DatabricksJdbcDouble db = new DatabricksJdbcDouble(spool);
    try (DatabricksSink sink = DatabricksSinkTestSupport.sink(db, spool)) {
      List<List<Row>> chunks = List.of(List.of(
          row(1L, "{\"tier\":\"gold\",\"tier\":\"platinum\",\"n\":1}"),
          row(2L, "{\"nested\":{\"a\":1,\"a\":[2,3]}}"),
          row(3L, "{\"plain\":true}")));
      load(sink, spec(RUN_1_SCHEMA, WriteMode.MERGE, 1, 1, RUN_1_AT), chunks);
      assertThat(select(db, "customers", "\"id\", \"attrs\"")).containsExactly(
          "1|{\"tier\":\"platinum\",\"n\":1}", "2|{\"nested\":{\"a\":[2,3]}}", "3|{\"plain\":true}");
    }
  }

  private static Row row(long id, String attrs) {
    return new Row(new Object[] {id, "n" + id, null, null, null, null, null, attrs}, false);
  }
}
