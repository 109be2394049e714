package io.tributary.sink.snowflake;

import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.RUN_1;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.RUN_1_AT;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.RUN_1_SCHEMA;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.RUN_2;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.RUN_2_AT;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.RUN_2_SCHEMA;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.load;
import static io.tributary.sink.snowflake.SnowflakeSinkTestSupport.spec;
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
 * Against a real Snowflake account, only when {@code TRIBUTARY_IT_SNOWFLAKE_ACCOUNT}, {@code _USER},
 * {@code _PRIVATE_KEY_FILE}, {@code _WAREHOUSE} and {@code _DATABASE} (and optionally {@code _ROLE}) are set; skipped
 * with a message otherwise. Loads the two golden runs in merge mode into a fresh schema and drops it afterwards.
 */
@Tag("live")
@Tag("sandbox")
class SnowflakeSinkLiveIT {

  private static final String PREFIX = "TRIBUTARY_IT_SNOWFLAKE_";

  @TempDir
  Path spool;

  @Test
  void twoRunsMergeIntoARealAccount() throws Exception {
    List<String> missing = new ArrayList<>();
    for (String v : List.of("ACCOUNT", "USER", "PRIVATE_KEY_FILE", "WAREHOUSE", "DATABASE")) {
      if (System.getenv(PREFIX + v) == null) {
        missing.add(PREFIX + v);
      }
    }
    assumeTrue(missing.isEmpty(), "skipped: live Snowflake test needs " + missing + " (see docs/sinks/snowflake.md)");
    String schema = "TRIBUTARY_IT_" + System.currentTimeMillis();
    SnowflakeSinkConfig config = new SnowflakeSinkConfig(System.getenv(PREFIX + "ACCOUNT"),
        System.getenv(PREFIX + "USER"), SecretRef.parse("${file:" + System.getenv(PREFIX + "PRIVATE_KEY_FILE") + "}"),
        null, System.getenv(PREFIX + "ROLE"), System.getenv(PREFIX + "WAREHOUSE"), System.getenv(PREFIX + "DATABASE"),
        schema, null, null);
    SnowflakeSink sink = new SnowflakeSink(config, new JobContext("erp", Path.of("jobs/erp.yml"), spool), null, spool);
    try {
      sink.check();
      load(sink, spec(RUN_1_SCHEMA, WriteMode.MERGE, 1, 1, RUN_1_AT), RUN_1);
      load(sink, spec(RUN_2_SCHEMA, WriteMode.MERGE, 2, 2, RUN_2_AT), RUN_2);
      try (Connection c = new SnowflakeConnector(config).getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT id), COUNT_IF(_tributary_deleted) FROM "
              + schema + ".customers")) {
        rs.next();
        assertThat(List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).containsExactly(5L, 5L, 1L);
      }
    } finally {
      try (Connection c = new SnowflakeConnector(config).getConnection();
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema);
      }
      sink.close();
    }
  }
}
