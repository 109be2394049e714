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
 * {@code mode: replace} is a fresh full copy each run (docs/jobs.md). A file source tracks the files it loaded in its
 * watermark, so a replace stream that read from the watermark swapped in an empty table on a run with no new file,
 * and only the new file's rows on a run with one.
 */
@Tag("unit")
class ReplaceIsAFullCopyIT {

  @TempDir
  Path dir;

  @Test
  void aReplaceStreamHoldsEveryFilesRowsAfterRunsWithNoAndWithNewFiles() throws Exception {
    Path drop = Files.createDirectories(dir.resolve("drop"));
    Files.writeString(drop.resolve("links_1.csv"), "from_id,to_id\n1,10\n2,20\n3,30\n");
    Path warehouse = dir.resolve("w.duckdb");
    Path job = Files.writeString(dir.resolve("links.yml"), """
        source: { type: file, dir: "%s" }
        sink: { type: duckdb, path: "%s" }
        streams:
          - name: links
            mode: replace
            options: { pattern: "links_*.csv" }
        """.formatted(drop.toAbsolutePath(), warehouse.toAbsolutePath()));
    CliRunner cli = new CliRunner(dir.resolve("state"));

    assertThat(cli.run("run", job.toString()).exitCode()).isZero();
    assertThat(rows(warehouse)).isEqualTo(3);
    CliRunner.Result unchanged = cli.run("run", job.toString());
    assertThat(unchanged.exitCode()).as(unchanged.output()).isZero();
    assertThat(rows(warehouse)).as("a run with no new file").isEqualTo(3);

    Files.writeString(drop.resolve("links_2.csv"), "from_id,to_id\n4,40\n5,50\n");
    assertThat(cli.run("run", job.toString()).exitCode()).isZero();
    assertThat(rows(warehouse)).as("a run with one new file: both files' rows").isEqualTo(5);
  }

  private static long rows(Path warehouse) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse.toAbsolutePath());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM raw.links")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
