package io.tributary.source.workday;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.cli.TestCommandLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jobs/workday_example.yml runs as shipped (in-process simulator, with faults) and loads every worker once. */
@Tag("sandbox")
class WorkdayExampleJobIT {

  private static int run(Path dir, Path job, ByteArrayOutputStream buffer) {
    System.setProperty("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("repo").toAbsolutePath()
        + ";WRITE_DELAY=0");
    System.setProperty("tributary.state-dir", dir.resolve("state").toString());
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      return TestCommandLine.execute(out, out, "run", job.toString());
    } finally {
      System.clearProperty("spring.datasource.url");
      System.clearProperty("tributary.state-dir");
    }
  }

  @Test
  void theExampleJobLoadsEveryWorker(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("workday.duckdb");
    String yaml = Files.readString(Path.of("jobs/workday_example.yml"))
        .replace("rows: 2000", "rows: 700")
        .replace("path: warehouse/workday.duckdb", "path: " + db.toAbsolutePath());
    Path job = Files.writeString(dir.resolve("job.yml"), yaml);
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    assertThat(run(dir, job, buffer)).as(buffer.toString(StandardCharsets.UTF_8)).isZero();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT count(*), count(DISTINCT \"Employee_ID\") FROM hr.workers")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(700);
      assertThat(rs.getLong(2)).isEqualTo(700);
    }
  }
}
