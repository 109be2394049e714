package io.tributary.source.ga4;

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

/**
 * jobs/ga4_example.yml runs as shipped (in-process simulator, with faults) twice: the first run loads the 90-day
 * report (2,160 rows = 90 days x 8 countries x 3 devices), the second re-reads the late-data window and merges it,
 * so the table still holds each dimension tuple once.
 */
@Tag("sandbox")
class Ga4ExampleJobIT {

  /** {@code run <job>} in-process with an H2 job repository and state folder under {@code dir}. */
  static int run(Path dir, Path job, ByteArrayOutputStream buffer) {
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
  void theExampleJobLoadsTheReportAndRereadsOnlyTheWindow(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("ga4.duckdb");
    String yaml = Files.readString(Path.of("jobs/ga4_example.yml"))
        .replace("path: warehouse/ga4.duckdb", "path: " + db.toAbsolutePath());
    Path job = Files.writeString(dir.resolve("job.yml"), yaml);
    for (int i = 0; i < 2; i++) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      assertThat(run(dir, job, buffer)).as(buffer.toString(StandardCharsets.UTF_8)).isZero();
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
        ResultSet rs = c.createStatement().executeQuery("SELECT (SELECT count(*) FROM analytics.traffic_by_country_device),"
            // the device column's spelling is the sink's naming rule's business; the regex finds it either way
            + " (SELECT count(*) FROM (SELECT DISTINCT date, country, COLUMNS('(?i)device.*')"
            + " FROM analytics.traffic_by_country_device)),"
            + " (SELECT count(DISTINCT date) FROM analytics.traffic_by_country_device)")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(2160);
      assertThat(rs.getLong(2)).isEqualTo(2160);
      assertThat(rs.getLong(3)).isEqualTo(90);
    }
  }
}
