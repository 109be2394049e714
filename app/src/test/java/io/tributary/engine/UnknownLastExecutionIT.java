package io.tributary.engine;

import static io.tributary.engine.PartitionedJdbcJobIT.count;
import static io.tributary.engine.PartitionedJdbcJobIT.repositoryUrl;
import static io.tributary.engine.PartitionedJdbcJobIT.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever state a process left its last execution in, the next run (holding the job's lock) resumes that same job
 * instance from its warehouse position, never a new instance from the old watermark, and never refuses to run. The
 * states are every pair a process can leave: UNKNOWN (Spring Batch's verdict when it could not record an outcome),
 * STOPPING (killed while stopping), and a job FAILED or STOPPED whose step still says STARTED or STOPPING (a process
 * that lost its run lock recorded its job STOPPED with a chunk in flight: Spring Batch then refused every restart,
 * RunLockLossIT). An append stream makes a second read visible as duplicates.
 */
@Tag("db")
class UnknownLastExecutionIT {

  private static final int ROWS = 2000;

  @TempDir
  Path dir;

  private String src;
  private String dst;
  private String repo;
  private Path job;
  private CliRunner cli;

  @BeforeEach
  void setUp() throws Exception {
    src = TestPostgres.freshSchema("src");
    dst = TestPostgres.freshSchema("dst");
    repo = TestPostgres.freshSchema("repo");
    sql("CREATE TABLE " + src + ".events (id bigint PRIMARY KEY, name text, updated_at timestamptz NOT NULL)");
    sql("INSERT INTO " + src + ".events SELECT g, 'Event ' || g, timestamptz '2024-01-01 00:00:00+00'"
        + " + g * interval '1 second' FROM generate_series(1, " + ROWS + ") g");
    job = Files.writeString(dir.resolve("events.yml"), """
        source: { type: jdbc, url: "%s", user: %s, schema: %s }
        sink: { type: postgres, url: "%s", user: %s, schema: %s }
        chunk_size: 200
        streams:
          - { name: events, mode: append, cursor: updated_at }
        """.formatted(TestPostgres.url(), TestPostgres.user(), src, TestPostgres.url(), TestPostgres.user(), dst));
    System.setProperty("spring.datasource.username", TestPostgres.user());
    cli = new CliRunner(dir.resolve("state"), repositoryUrl(repo));
  }

  @AfterEach
  void tearDown() {
    System.clearProperty("spring.datasource.username");
  }

  /** Job and step statuses a process can leave behind; the first is what the run itself records on failure. */
  static Stream<Arguments> leftBehind() {
    return Stream.of(
        Arguments.of("UNKNOWN", "UNKNOWN"),
        Arguments.of("STOPPING", "STOPPING"),
        Arguments.of("STOPPED", "STARTED"),
        Arguments.of("STOPPED", "STOPPING"),
        Arguments.of("FAILED", "STARTED"));
  }

  @ParameterizedTest(name = "job {0}, step {1}")
  @MethodSource("leftBehind")
  void theLastExecutionIsResumedOnTheSameInstanceWithoutDuplicates(String jobStatus, String stepStatus)
      throws Exception {
    CliRunner.Result failed = cli.run("run", job.toString(), "--fail-after-chunks", "3");
    assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
    assertThat(count(dst + ".events")).isEqualTo(600);
    sql("UPDATE " + repo + ".batch_job_execution SET status = '" + jobStatus + "', exit_code = '" + jobStatus + "'");
    sql("UPDATE " + repo + ".batch_step_execution SET status = '" + stepStatus + "', exit_code = '" + stepStatus
        + "'");

    CliRunner.Result resumed = cli.run("run", job.toString());
    assertThat(resumed.exitCode()).as(resumed.output()).isEqualTo(0);
    assertThat(resumed.output()).contains(jobStatus.equals("UNKNOWN") ? "UNKNOWN" : "").contains("resuming it");
    assertThat(count(dst + ".events")).isEqualTo(ROWS);
    assertThat(TestPostgres.strings("SELECT count(DISTINCT id) FROM " + dst + ".events"))
        .containsExactly(String.valueOf(ROWS));
    assertThat(TestPostgres.strings("SELECT count(*) FROM " + repo + ".batch_job_instance")).containsExactly("1");
    String recorded = jobStatus.equals("STOPPED") ? "STOPPED" : "FAILED";
    assertThat(TestPostgres.strings("SELECT status FROM " + repo + ".batch_job_execution ORDER BY job_execution_id"))
        .containsExactly(recorded, "COMPLETED");
    assertThat(TestPostgres.strings("SELECT count(*) FROM " + repo + ".batch_step_execution WHERE status IN"
        + " ('STARTING', 'STARTED', 'STOPPING', 'UNKNOWN')")).as("steps left running").containsExactly("0");
  }
}
