package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, in-process: {@code run jobs/demo.yml}, which starts the Salesforce simulator inside the
 * run, loads four objects into DuckDB, quarantines the records the simulator corrupts and builds the marts. The
 * expected row counts are the object sizes the job's {@code sandbox:} block asks for.
 */
@Tag("sandbox")
class ReadmeDemoIT {

  @TempDir
  Path dir;

  @Test
  void theDemoJobLoadsEverySimulatedRecordOrQuarantinesItAndBuildsTheMarts() throws Exception {
    String yaml = Files.readString(Path.of("jobs/demo.yml"))
        .replace("path: warehouse/demo.duckdb", "path: " + dir.resolve("demo.duckdb").toAbsolutePath())
        .replace("marts: [sql/marts/salesforce]",
            "marts: [" + Path.of("sql/marts/salesforce").toAbsolutePath() + "]");
    assertThat(yaml).contains("objects: { Opportunity: 3000, Contact: 2000, User: 50 }").contains("rows: 1000");
    Path job = Files.writeString(dir.resolve("demo.yml"), yaml);

    CliRunner.Result run = new CliRunner(dir.resolve("state")).run("run", job.toString());
    assertThat(run.exitCode()).as(run.output()).isEqualTo(0);
    assertThat(run.output()).contains("marts built: sf_opportunity_aging, sf_pipeline_by_stage_owner");

    Map<String, Long> expected = Map.of("opportunities", 3000L, "accounts", 1000L, "users", 50L, "contacts", 2000L);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("demo.duckdb"))) {
      long quarantinedTotal = 0;
      for (var e : expected.entrySet()) {
        long loaded = scalar(c, "SELECT count(*) FROM raw." + e.getKey());
        long quarantined = scalar(c, "SELECT count(*) FROM raw._tributary_quarantine WHERE stream = '" + e.getKey()
            + "'");
        assertThat(loaded + quarantined).as(e.getKey()).isEqualTo(e.getValue());
        quarantinedTotal += quarantined;
      }
      assertThat(quarantinedTotal).as("the simulator's malformed:1% corrupts some records").isPositive();
      assertThat(scalar(c, "SELECT count(*) FROM marts.sf_pipeline_by_stage_owner")).isPositive();
    }
  }

  private static long scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
