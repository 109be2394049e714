package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two jobs in one job repository: each counts its own runs (the second job's first run is "run 1", though its
 * execution id is 2), {@code status} shows the same numbers, and a stream whose platform reports no total shows
 * "n/a" as its reconciliation instead of a blank.
 */
@Tag("db")
class RunNumbersPerJobIT {

  @TempDir
  Path dir;

  private Path job(String name) throws Exception {
    Path drop = Files.createDirectories(dir.resolve(name + "-drop"));
    Files.writeString(drop.resolve("accounts.csv"), "id,name\n1,Acme\n2,Globex\n3,Initech\n");
    return Files.writeString(dir.resolve(name + ".yml"), """
        source: { type: file, dir: "%s" }
        sink: { type: duckdb, path: "%s" }
        streams:
          - { name: accounts, primary_key: [id], options: { pattern: "accounts*.csv" } }
        """.formatted(drop, dir.resolve(name + ".duckdb")));
  }

  @Test
  void eachJobNumbersItsOwnRuns() throws Exception {
    CliRunner cli = new CliRunner(dir.resolve("state"));
    Path first = job("first_job");
    Path second = job("second_job");

    CliRunner.Result a1 = cli.run("run", first.toString());
    CliRunner.Result b1 = cli.run("run", second.toString());
    CliRunner.Result a2 = cli.run("run", first.toString());
    CliRunner.Result status = cli.run("status", "second_job");

    assertThat(a1.output()).contains("Job first_job: COMPLETED (run 1, execution 1)");
    assertThat(b1.output()).contains("Job second_job: COMPLETED (run 1, execution 2)");
    assertThat(a2.output()).contains("Job first_job: COMPLETED (run 2, execution 3)");
    assertThat(b1.output()).containsPattern("accounts +merge +3 +3 +0 +[0-9,]+ +n/a \\(no count from the platform\\)");
    assertThat(status.exitCode()).isZero();
    assertThat(status.output()).containsPattern("run 1 +COMPLETED .*\\(execution 2, ")
        .contains("reconciliation n/a (no count from the platform)");
  }
}
