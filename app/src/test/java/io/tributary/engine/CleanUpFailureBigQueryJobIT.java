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
 * Finding 15 end to end through the real CLI into BigQuery (the HTTP stub): the publish commits, the clean-up after
 * it fails (the service account may not delete tables), the run fails; rows arrive at the source; the rerun restarts
 * the same job instance, resumes after the spooled position and reads them. They must be published, not cleaned up
 * with a batch the warehouse had already marked done.
 */
@Tag("db")
@Tag("sandbox")
class CleanUpFailureBigQueryJobIT {

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
    sql("INSERT INTO " + src + ".orders SELECT g, g * 1.5, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 s'"
        + " FROM generate_series(1, 500) g");
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
  void rowsReadByTheRestartAfterACommittedPublishArePublished() throws Exception {
    bigquery.refuseTableDeletes(true);
    CliRunner.Result first = cli.run("run", job.toString());
    assertThat(first.exitCode()).as(first.output()).isNotZero();
    assertThat(bigquery.publishScripts()).as("the publish committed before the clean-up failed").hasSize(1);

    bigquery.refuseTableDeletes(false);
    sql("INSERT INTO " + src + ".orders SELECT g, g * 1.5, timestamptz '2024-02-01 00:00:00+00' + g * interval '1 s'"
        + " FROM generate_series(501, 540) g");
    CliRunner.Result restart = cli.run("run", job.toString());
    assertThat(restart.exitCode()).as(restart.output()).isEqualTo(0);
    assertThat(restart.output()).contains("resuming it");
    assertThat(bigquery.publishScripts()).as("the restart publishes the 40 rows it read").hasSize(2);
    assertThat(bigquery.loadedLines()).as("500 rows, then the 40 new ones, each uploaded once").isEqualTo(540);
    assertThat(bigquery.stateRows().values()).singleElement()
        .satisfies(row -> assertThat(row.get(1)).contains("540"));
  }
}
