package io.tributary.sink.databricks;

import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_1;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_1_AT;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_1_SCHEMA;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.position;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.select;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.RunInfo;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.WriteMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two parts of a partitioned stream ({@code customers#p0}, {@code customers#p1}) load one table through the JDBC
 * double the way the partition steps drive it: each opens its writer when its step starts (p1 after p0 has staged a
 * chunk), writes its own chunks and publishes its own rows when it completes.
 */
@Tag("unit")
class DatabricksPartitionedLoadTest {

  @TempDir
  Path spool;

  @Test
  void eachPartitionKeepsItsOwnStagedRowsAndPublishesThem() throws Exception {
    DatabricksJdbcDouble db = new DatabricksJdbcDouble(spool);
    try (DatabricksSink sink = DatabricksSinkTestSupport.sink(db, spool)) {
      TableWriter p0 = sink.open(part("p0"));
      sink.inChunk(() -> p0.write(RUN_1.get(0), List.of(), position(0)));
      TableWriter p1 = sink.open(part("p1"));
      sink.inChunk(() -> p1.write(RUN_1.get(1), List.of(), position(1)));
      p1.finish();
      p0.finish();
      p0.close();
      p1.close();
      // ids 1 and 2 were read by p0, id 3 by p1: all three are in the target, once each
      assertThat(select(db, "customers", "\"id\", \"name\"")).containsExactly("1|Ada", "2|Grace, \"the\" admiral",
          "3|Linus");
    }
  }

  private static TableSpec part(String partition) {
    return new TableSpec("customers#" + partition, "customers", RUN_1_SCHEMA, WriteMode.MERGE,
        new RunInfo("erp", 1, 1, RUN_1_AT));
  }
}
