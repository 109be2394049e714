package io.tributary.sink.snowflake;

import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.RUN_1_AT;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.RUN_1_SCHEMA;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.load;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.select;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Row;
import io.tributary.core.WriteMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 17 at the JDBC seam: JSON the mapper accepts (a duplicate key, which it reads last-wins) but Snowflake's
 * strict PARSE_JSON rejects used to fail the run's one publishing statement, and every rerun the same way. The value
 * must reach the warehouse in the form the mapper's semantics give it.
 */
@Tag("unit")
class SnowflakeJsonValuesTest {

  @TempDir
  Path spool;

  @Test
  void aDuplicateKeyIsResolvedLastWinsBeforeSnowflakeParsesIt() throws Exception {
    SnowflakeJdbcDouble db = new SnowflakeJdbcDouble(spool);
    try (SnowflakeSink sink = SnowflakeSinkTestSupport.sink(db, spool)) {
      List<List<Row>> chunks = List.of(List.of(
          row(1L, "{\"tier\":\"gold\",\"tier\":\"platinum\",\"n\":1}"),
          row(2L, "{\"nested\":{\"a\":1,\"a\":[2,3]}}"),
          row(3L, "{\"plain\":true}")));
      load(sink, spec(RUN_1_SCHEMA, WriteMode.MERGE, 1, 1, RUN_1_AT), chunks);
      assertThat(select(db, "CUSTOMERS", "\"ID\", \"ATTRS\"")).containsExactly(
          "1|{\"tier\":\"platinum\",\"n\":1}", "2|{\"nested\":{\"a\":[2,3]}}", "3|{\"plain\":true}");
    }
  }

  private static Row row(long id, String attrs) {
    return new Row(new Object[] {id, "n" + id, null, null, null, null, null, attrs}, false);
  }
}
