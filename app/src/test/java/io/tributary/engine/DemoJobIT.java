package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.run.JobRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled ERP file-drop demo, in-process: {@code run jobs/erp_files_demo.yml} over the bundled files into DuckDB,
 * with quarantine and marts. Expected counts come from the files and from demo/BAD_ROWS.md, which lists each bad row.
 */
@Tag("sandbox")
class DemoJobIT {

  @TempDir
  Path dir;

  @Test
  void demoLoadsGoodRowsQuarantinesBadOnesAndBuildsMarts() throws Exception {
    Path job = demoJobIn(dir);
    CliRunner cli = new CliRunner(dir.resolve("state"));

    CliRunner.Result first = cli.run("run", job.toString());
    assertThat(first.exitCode()).as(first.output()).isEqualTo(0);
    assertThat(first.output()).contains("marts built: account_360, pipeline_by_stage");

    Map<String, Long> bad = badRowsPerFile();
    long accounts = dataLines("accounts.csv");
    long opportunities = dataLines("opportunities.csv");
    long invoices = dataLines("invoices.jsonl");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("demo.duckdb"))) {
      assertThat(count(c, "raw.accounts")).isEqualTo(accounts - bad.get("accounts.csv"));
      assertThat(count(c, "raw.opportunities")).isEqualTo(opportunities - bad.get("opportunities.csv"));
      assertThat(count(c, "raw.invoices")).isEqualTo(invoices - bad.get("invoices.jsonl"));
      assertThat(count(c, "raw._tributary_quarantine")).isEqualTo(bad.values().stream().mapToLong(Long::longValue).sum());
      assertThat(scalar(c, "SELECT count(*) FROM marts.account_360 WHERE account_loaded"))
          .isEqualTo(accounts - bad.get("accounts.csv"));
      // opportunities of a quarantined account are kept on a row of their own, flagged, not dropped
      assertThat(scalar(c, "SELECT sum(opportunities) FROM marts.account_360")).isEqualTo(opportunities - bad.get(
          "opportunities.csv"));
      long orphans = opportunitiesOfAccountsNotLoaded();
      assertThat(orphans).isEqualTo(14);
      assertThat(scalar(c, "SELECT sum(opportunities) FROM marts.account_360 WHERE NOT account_loaded"))
          .isEqualTo(orphans);
      assertThat(scalar(c, "SELECT sum(opportunities) FROM marts.pipeline_by_stage"))
          .isEqualTo(opportunities - bad.get("opportunities.csv"));
      assertThat(scalar(c, "SELECT count(*) FROM raw._tributary_quarantine WHERE reasons LIKE '%stage:%is not one of%'"))
          .isEqualTo(4);
    }

    CliRunner.Result second = cli.run("run", job.toString());
    assertThat(second.exitCode()).isEqualTo(0);
    assertThat(second.output()).containsPattern("accounts\\s+merge\\s+0\\s+0\\s+0");
  }

  @Test
  void aRunKilledBeforeItsFirstExecutionWasRecordedStartsAgain() throws Exception {
    Path job = demoJobIn(dir);
    Path state = dir.resolve("state");
    CliRunner cli = new CliRunner(state);
    assertThat(cli.run("run", job.toString()).exitCode()).isEqualTo(0);
    // What a kill -9 between Spring Batch's two inserts leaves: the next run's instance, with no execution.
    String repository = "jdbc:h2:file:" + state.resolve("repository").toAbsolutePath();
    try (Connection c = DriverManager.getConnection(repository, "sa", "");
        var insert = c.prepareStatement("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY)"
            + " SELECT 1000, 0, JOB_NAME, ? FROM BATCH_JOB_INSTANCE")) {
      insert.setString(1, new org.springframework.batch.core.job.DefaultJobKeyGenerator().generateKey(
          new org.springframework.batch.core.job.parameters.JobParametersBuilder()
              .addLong(JobRunner.RUN_ID, 2L).addString(JobRunner.FULL_REFRESH, "false").toJobParameters()));
      assertThat(insert.executeUpdate()).isEqualTo(1);
    }

    CliRunner.Result next = cli.run("run", job.toString());
    assertThat(next.exitCode()).as(next.output()).isEqualTo(0);
    assertThat(next.output()).contains("was interrupted before it started (instance 1000 has no execution)");
    assertThat(next.output()).containsPattern("accounts\\s+merge\\s+0\\s+0\\s+0");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("demo.duckdb"))) {
      assertThat(count(c, "raw.accounts")).isEqualTo(dataLines("accounts.csv") - badRowsPerFile().get("accounts.csv"));
    }
  }

  /** The repository's demo job with its relative paths pointed into {@code dir}. */
  static Path demoJobIn(Path dir) throws IOException {
    Path drop = dir.resolve("drop");
    Files.createDirectories(drop);
    for (String f : List.of("accounts.csv", "opportunities.csv", "invoices.jsonl")) {
      Files.copy(Path.of("demo/drop", f), drop.resolve(f));
    }
    String yaml = Files.readString(Path.of("jobs/erp_files_demo.yml"))
        .replace("dir: demo/drop", "dir: " + drop.toAbsolutePath())
        .replace("path: warehouse/erp_files_demo.duckdb", "path: " + dir.resolve("demo.duckdb").toAbsolutePath())
        .replace("marts: [sql/marts/erp_files]", "marts: [" + Path.of("sql/marts/erp_files").toAbsolutePath() + "]");
    return Files.writeString(dir.resolve("demo.yml"), yaml);
  }

  private static long dataLines(String file) throws IOException {
    try (var lines = Files.lines(Path.of("demo/drop", file))) {
      return lines.filter(l -> !l.isBlank()).count() - (file.endsWith(".csv") ? 1 : 0);
    }
  }

  /** Good opportunity rows of the files whose account_id names no good account row (the bad ones are quarantined). */
  private static long opportunitiesOfAccountsNotLoaded() throws IOException {
    java.util.Set<String> badRecords;
    try (var lines = Files.lines(Path.of("demo/BAD_ROWS.md"))) {
      badRecords = lines.filter(l -> l.matches("\\| [a-z]+\\.(csv|jsonl) \\|.*")).map(l -> l.split("\\|")[2].strip())
          .collect(Collectors.toSet());
    }
    java.util.Set<String> goodAccounts;
    try (var lines = Files.lines(Path.of("demo/drop/accounts.csv"))) {
      goodAccounts = lines.skip(1).map(l -> l.split(",", 2)[0]).filter(id -> !id.isEmpty() && !badRecords.contains(id))
          .collect(Collectors.toSet());
    }
    try (var lines = Files.lines(Path.of("demo/drop/opportunities.csv"))) {
      return lines.skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",", 3))
          .filter(f -> !f[0].isEmpty() && !badRecords.contains(f[0]) && !goodAccounts.contains(f[1])).count();
    }
  }

  /** Counts the rows of demo/BAD_ROWS.md per file: the generator's own list of the rows it broke. */
  private static Map<String, Long> badRowsPerFile() throws IOException {
    try (var lines = Files.lines(Path.of("demo/BAD_ROWS.md"))) {
      return lines.filter(l -> l.matches("\\| [a-z]+\\.(csv|jsonl) \\|.*"))
          .collect(Collectors.groupingBy(l -> l.split("\\|")[1].strip(), Collectors.counting()));
    }
  }

  private static long count(Connection c, String table) throws SQLException {
    return scalar(c, "SELECT count(*) FROM " + table);
  }

  private static long scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
