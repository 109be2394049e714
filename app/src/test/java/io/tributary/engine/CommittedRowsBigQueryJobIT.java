package io.tributary.engine;

import static io.tributary.engine.PartitionedJdbcJobIT.repositoryUrl;
import static io.tributary.engine.PartitionedJdbcJobIT.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sink.bigquery.BigQueryStub;
import io.tributary.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 7 end to end through the real CLI into BigQuery (the HTTP stub): a target emptied or dropped behind
 * Tributary, between two runs or between a failed run and its restart, fails the next run loudly (exit 1, the table
 * and both counts) instead of loading on from the watermark or the spool; {@code --full-refresh} reloads it.
 */
@Tag("db")
@Tag("sandbox")
class CommittedRowsBigQueryJobIT {

  @TempDir
  Path dir;

  private BigQueryStub bigquery;
  private String src;
  private CliRunner cli;
  private Path job;

  @BeforeEach
  void setUp() throws Exception {
    bigquery = new BigQueryStub();
    src = TestPostgres.freshSchema("src");
    String repo = TestPostgres.freshSchema("repo");
    sql("CREATE TABLE " + src + ".orders (id bigint PRIMARY KEY, total numeric(10,2), updated_at timestamptz NOT NULL)");
    insert(1, 500, "2024-01-01");
    System.setProperty("spring.datasource.username", TestPostgres.user());
    cli = new CliRunner(dir.resolve("state"), repositoryUrl(repo));
    job = Files.writeString(dir.resolve("shop.yml"), """
        source: { type: jdbc, url: "%s", user: %s, schema: %s }
        sink: { type: bigquery, project: acme-analytics, dataset: raw, endpoint: "%s", spool_dir: "%s" }
        chunk_size: 100
        streams:
          - name: orders
            primary_key: [id]
            cursor: updated_at
        """.formatted(TestPostgres.url(), TestPostgres.user(), src, bigquery.endpoint(), dir.resolve("spool")));
  }

  @AfterEach
  void tearDown() {
    System.clearProperty("spring.datasource.username");
    bigquery.close();
  }

  @Test
  void aTargetTruncatedBetweenTwoCompletedRunsFailsTheNextRunAndAFullRefreshReloadsIt() throws Exception {
    assertThat(cli.run("run", job.toString()).exitCode()).isEqualTo(0);
    assertThat(bigquery.rowCount("raw.orders")).isEqualTo(500);
    bigquery.deleteRows("raw.orders", 500);
    CliRunner.Result next = cli.run("run", job.toString());
    assertThat(next.exitCode()).as(next.output()).isEqualTo(1);
    assertThat(next.output()).doesNotContain("COMPLETED")
        .contains("table raw.orders holds 0 rows but Tributary committed 500 rows").contains("--full-refresh");
    CliRunner.Result reloaded = cli.run("run", job.toString(), "--full-refresh");
    assertThat(reloaded.exitCode()).as(reloaded.output()).isEqualTo(0);
    assertThat(bigquery.rowCount("raw.orders")).isEqualTo(500);
  }

  @Test
  void aTargetDroppedBetweenAFailedRunAndItsRestartFailsTheRestart() throws Exception {
    assertThat(cli.run("run", job.toString()).exitCode()).isEqualTo(0);
    insert(501, 540, "2024-02-01");
    bigquery.failNextLoad();
    CliRunner.Result failed = cli.run("run", job.toString());
    // the load job's "invalid" is a configuration error (exit 2); the rows stay spooled for the restart
    assertThat(failed.exitCode()).as(failed.output()).isNotZero();
    bigquery.dropTable("raw.orders");
    CliRunner.Result restart = cli.run("run", job.toString());
    assertThat(restart.exitCode()).as(restart.output()).isEqualTo(1);
    assertThat(restart.output()).doesNotContain("COMPLETED")
        .contains("table raw.orders holds 0 rows but Tributary committed 500 rows");
    CliRunner.Result reloaded = cli.run("run", job.toString(), "--full-refresh");
    assertThat(reloaded.exitCode()).as(reloaded.output()).isEqualTo(0);
    assertThat(bigquery.rowCount("raw.orders")).isEqualTo(540);
  }

  private void insert(int from, int to, String day) throws Exception {
    sql("INSERT INTO " + src + ".orders SELECT g, g * 1.5, timestamptz '" + day + " 00:00:00+00' + g * interval '1 s'"
        + " FROM generate_series(" + from + ", " + to + ") g");
  }
}
