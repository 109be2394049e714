package io.tributary.engine;

import static io.tributary.engine.PartitionedJdbcJobIT.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testsupport.HoldDatabase;
import io.tributary.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database file held by another process is "busy, try later" (exit 3) with the file named, never a stack trace,
 * never "restartable" (1) or "configuration" (2): the job repository's H2 file (a second job, or {@code status}
 * during a run) and the DuckDB warehouse file (an analyst's read-only session).
 */
@Tag("db")
class BusyStateIT {

  @TempDir
  Path dir;

  private Process holder;
  private Path job;

  @BeforeEach
  void setUp() throws Exception {
    String src = TestPostgres.freshSchema("src");
    sql("CREATE TABLE " + src + ".customers (id bigint PRIMARY KEY, name text, updated_at timestamptz NOT NULL)");
    sql("INSERT INTO " + src + ".customers SELECT g, 'Customer ' || g, timestamptz '2024-01-01 00:00:00+00'"
        + " FROM generate_series(1, 50) g");
    job = Files.writeString(dir.resolve("shop.yml"), """
        source: { type: jdbc, url: "%s", user: %s, schema: %s }
        sink: { type: duckdb, path: "%s", schema: raw }
        streams:
          - { name: customers, primary_key: [id], cursor: updated_at }
        """.formatted(TestPostgres.url(), TestPostgres.user(), src, dir.resolve("shop_wh.duckdb")));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (holder != null) {
      holder.getOutputStream().close();
      if (!holder.waitFor(20, TimeUnit.SECONDS)) {
        holder.destroyForcibly().waitFor();
      }
    }
  }

  @Test
  void aJobRepositoryHeldByAnotherProcessIsBusyForRunAndStatus() throws Exception {
    Path state = dir.resolve("state");
    Files.createDirectories(state);
    holder = HoldDatabase.start("jdbc:h2:file:" + state.resolve("repository").toAbsolutePath() + ";WRITE_DELAY=0",
        false, dir.resolve("holder.log"));
    CliRunner cli = new CliRunner(state);

    CliRunner.Result run = cli.run("run", job.toString());
    assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
    assertThat(run.output()).contains(state.resolve("repository").toAbsolutePath().toString())
        .contains("another process").doesNotContain("Exception").doesNotContain("\tat ");

    CliRunner.Result status = cli.run("status");
    assertThat(status.exitCode()).as(status.output()).isEqualTo(3);
    assertThat(status.output()).contains("another process").doesNotContain("Exception");
  }

  @Test
  void aDuckDbFileHeldReadOnlyByAnAnalystIsBusyAndNamesTheFileAndTheHoldersPid() throws Exception {
    Path file = dir.resolve("shop_wh.duckdb");
    holder = HoldDatabase.start("jdbc:duckdb:" + file.toAbsolutePath(), true, dir.resolve("holder.log"));

    CliRunner.Result run = new CliRunner(dir.resolve("state")).run("run", job.toString());
    assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
    assertThat(run.output()).contains(file.toAbsolutePath().toString())
        .contains("PID " + holder.pid()).contains("another process").doesNotContain("another tributary run");

    holder.getOutputStream().close();
    assertThat(holder.waitFor(20, TimeUnit.SECONDS)).isTrue();
    holder = null;
    CliRunner.Result after = new CliRunner(dir.resolve("state")).run("run", job.toString());
    assertThat(after.exitCode()).as(after.output()).isEqualTo(0);
  }
}
