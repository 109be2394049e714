package io.tributary.engine;

import static io.tributary.engine.PartitionedJdbcJobIT.count;
import static io.tributary.engine.PartitionedJdbcJobIT.repositoryUrl;
import static io.tributary.engine.PartitionedJdbcJobIT.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A last execution left UNKNOWN (Spring Batch's verdict when it could not record an outcome) belongs to a process
 * that is gone once we hold the job's lock: the next run resumes that same job instance from its warehouse position,
 * never a new instance from the old watermark. An append stream makes a second read visible as duplicates.
 */
@Tag("db")
class UnknownLastExecutionIT {

  private static final int ROWS = 5000;

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
        chunk_size: 500
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

  @Test
  void anUnknownLastExecutionIsResumedOnTheSameInstanceWithoutDuplicates() throws Exception {
    CliRunner.Result failed = cli.run("run", job.toString(), "--fail-after-chunks", "3");
    assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
    assertThat(count(dst + ".events")).isEqualTo(1500);
    // What Spring Batch leaves when it cannot record the outcome (an OptimisticLockingFailureException on update).
    sql("UPDATE " + repo + ".batch_job_execution SET status = 'UNKNOWN', exit_code = 'UNKNOWN'");
    sql("UPDATE " + repo + ".batch_step_execution SET status = 'UNKNOWN', exit_code = 'UNKNOWN'");

    CliRunner.Result resumed = cli.run("run", job.toString());
    assertThat(resumed.exitCode()).as(resumed.output()).isEqualTo(0);
    assertThat(resumed.output()).contains("UNKNOWN").contains("resuming it");
    assertThat(count(dst + ".events")).isEqualTo(ROWS);
    assertThat(TestPostgres.strings("SELECT count(DISTINCT id) FROM " + dst + ".events"))
        .containsExactly(String.valueOf(ROWS));
    assertThat(TestPostgres.strings("SELECT count(*) FROM " + repo + ".batch_job_instance")).containsExactly("1");
    assertThat(TestPostgres.strings("SELECT status FROM " + repo + ".batch_job_execution ORDER BY job_execution_id"))
        .containsExactly("FAILED", "COMPLETED");
  }
}
