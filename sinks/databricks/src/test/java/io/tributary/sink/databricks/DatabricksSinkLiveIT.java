package io.tributary.sink.databricks;

import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_1;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_1_AT;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_1_SCHEMA;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_2;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_2_AT;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.RUN_2_SCHEMA;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.load;
import static io.tributary.sink.databricks.DatabricksSinkTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tributary.core.JobContext;
import io.tributary.core.SecretRef;
import io.tributary.core.WriteMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real Databricks workspace, only when {@code TRIBUTARY_IT_DATABRICKS_HOST}, {@code _HTTP_PATH},
 * {@code _CATALOG} and either {@code _CLIENT_ID} with {@code _CLIENT_SECRET} (OAuth M2M) or {@code _TOKEN} are set;
 * skipped with a message otherwise. Loads the two golden runs in merge mode into a fresh schema and drops it
 * afterwards.
 */
@Tag("live")
class DatabricksSinkLiveIT {

  private static final String PREFIX = "TRIBUTARY_IT_DATABRICKS_";

  @TempDir
  Path spool;

  @Test
  void twoRunsMergeIntoARealWorkspace() throws Exception {
    List<String> missing = new ArrayList<>();
    for (String v : List.of("HOST", "HTTP_PATH", "CATALOG")) {
      if (System.getenv(PREFIX + v) == null) {
        missing.add(PREFIX + v);
      }
    }
    boolean oauth = System.getenv(PREFIX + "CLIENT_ID") != null;
    if (!oauth && System.getenv(PREFIX + "TOKEN") == null) {
      missing.add(PREFIX + "CLIENT_ID and " + PREFIX + "CLIENT_SECRET, or " + PREFIX + "TOKEN");
    }
    assumeTrue(missing.isEmpty(), "skipped: live Databricks test needs " + missing + " (see docs/sinks/databricks.md)");
    String schema = "tributary_it_" + System.currentTimeMillis();
    DatabricksSinkConfig config = new DatabricksSinkConfig(System.getenv(PREFIX + "HOST"),
        System.getenv(PREFIX + "HTTP_PATH"), oauth ? System.getenv(PREFIX + "CLIENT_ID") : null,
        oauth ? SecretRef.parse("${env:" + PREFIX + "CLIENT_SECRET}") : null,
        oauth ? null : SecretRef.parse("${env:" + PREFIX + "TOKEN}"), System.getenv(PREFIX + "CATALOG"), schema, null);
    DatabricksSink sink = new DatabricksSink(config, new JobContext("erp", Path.of("jobs/erp.yml"), spool), null, spool);
    try {
      sink.check();
      load(sink, spec(RUN_1_SCHEMA, WriteMode.MERGE, 1, 1, RUN_1_AT), RUN_1);
      load(sink, spec(RUN_2_SCHEMA, WriteMode.MERGE, 2, 2, RUN_2_AT), RUN_2);
      try (Connection c = new DatabricksConnector(config, spool).getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT id), COUNT_IF(_tributary_deleted) FROM "
              + schema + ".customers")) {
        rs.next();
        assertThat(List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).containsExactly(5L, 5L, 1L);
      }
    } finally {
      try (Connection c = new DatabricksConnector(config, spool).getConnection();
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
      sink.close();
    }
  }
}
