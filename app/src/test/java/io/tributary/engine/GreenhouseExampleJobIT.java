package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jobs/greenhouse_example.yml runs as shipped (the in-process Harvest simulator, faults 429:5%,500:5% included) with
 * 300 rows instead of 2,000, and each of its five tables holds every row once.
 */
@Tag("sandbox")
class GreenhouseExampleJobIT {

  private static final long ROWS = 300;
  private static final String[] TABLES = {"candidates", "applications", "jobs", "offers", "scheduled_interviews"};

  @TempDir
  Path dir;

  @Test
  void theExampleJobLoadsEveryStreamFromTheSimulator() throws Exception {
    String shipped = Files.readString(Path.of("jobs/greenhouse_example.yml"));
    assertThat(shipped).containsOnlyOnce("rows: 2000").containsOnlyOnce("path: warehouse/greenhouse_demo.duckdb");
    Path db = dir.resolve("greenhouse_demo.duckdb");
    Path job = Files.writeString(dir.resolve("greenhouse_example.yml"), shipped.replace("rows: 2000", "rows: " + ROWS)
        .replace("path: warehouse/greenhouse_demo.duckdb", "path: " + db.toAbsolutePath()));
    CliRunner cli = new CliRunner(dir.resolve("state"));
    CliRunner.Result run = cli.run("run", job.toString());
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("Job greenhouse_example: COMPLETED");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
        Statement s = c.createStatement()) {
      for (String table : TABLES) {
        try (ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT id) FROM greenhouse." + table)) {
          rs.next();
          assertThat(rs.getLong(1)).as(table).isEqualTo(ROWS);
          assertThat(rs.getLong(2)).as(table + " ids").isEqualTo(ROWS);
        }
      }
    }
  }
}
