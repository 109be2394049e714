package io.tributary.source.dynamics;

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

/** jobs/dynamics_example.yml runs as shipped (in-process sandbox, with faults) and loads every sandbox row. */
@Tag("sandbox")
class DynamicsExampleJobIT {

  @Test
  void theExampleJobLoadsTheSandbox(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("dynamics.duckdb");
    String yaml = Files.readString(Path.of("jobs/dynamics_example.yml"))
        .replace("rows: 5000", "rows: 700")
        .replace("path: warehouse/dynamics.duckdb", "path: " + db.toAbsolutePath());
    Path job = Files.writeString(dir.resolve("job.yml"), yaml);
    System.setProperty("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("repo").toAbsolutePath()
        + ";WRITE_DELAY=0");
    System.setProperty("tributary.state-dir", dir.resolve("state").toString());
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int code;
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      code = TestCommandLine.execute(out, out, "run", job.toString());
    } finally {
      System.clearProperty("spring.datasource.url");
      System.clearProperty("tributary.state-dir");
    }
    assertThat(code).as(buffer.toString(StandardCharsets.UTF_8)).isZero();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT (SELECT count(*) FROM dataverse.account), (SELECT count(*) FROM dataverse.contact)")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(700);
      assertThat(rs.getLong(2)).isEqualTo(700);
    }
  }
}
