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
 * A partitioned stream ({@code partitions: 4}) end to end through the real CLI into BigQuery, at the seam the
 * BigQuery sink tests use: the HTTP stub on loopback. Every partition must publish its own rows (one load job and one
 * publishing script each, with its state row) before the stream's watermark moves.
 */
@Tag("db")
@Tag("sandbox")
class PartitionedBigQueryJobIT {

  private static final int ROWS = 2_000;

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
    sql("CREATE TABLE " + src + ".customers (id bigint PRIMARY KEY, name text, updated_at timestamptz NOT NULL)");
    sql("INSERT INTO " + src + ".customers SELECT g, 'Customer ' || g,"
        + " timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute' FROM generate_series(1, " + ROWS + ") g");
    System.setProperty("spring.datasource.username", TestPostgres.user());
    cli = new CliRunner(dir.resolve("state"), repositoryUrl(repo));
    job = Files.writeString(dir.resolve("erp.yml"), """
        source: { type: jdbc, url: "%s", user: %s, schema: %s }
        sink: { type: bigquery, project: acme-analytics, dataset: raw, endpoint: "%s", spool_dir: "%s" }
        chunk_size: 250
        streams:
          - name: customers
            primary_key: [id]
            cursor: updated_at
            partitions: 4
        """.formatted(TestPostgres.url(), TestPostgres.user(), src, bigquery.endpoint(), dir.resolve("spool")));
  }

  @AfterEach
  void tearDown() {
    System.clearProperty("spring.datasource.username");
    bigquery.close();
  }

  @Test
  void everyPartitionPublishesItsRowsBeforeTheStreamCompletes() {
    CliRunner.Result run = cli.run("run", job.toString());
    assertThat(run.exitCode()).as(run.output()).isEqualTo(0);
    assertThat(bigquery.loadedLines()).as("rows uploaded to staging tables").isEqualTo(ROWS);
    assertThat(bigquery.publishScripts()).as("one publishing script per partition").hasSize(4)
        .allSatisfy(script -> assertThat(script).contains("MERGE `acme-analytics.raw.customers` AS t"));
    // a row of instance -1 is only a writer's claim (the whole stream is opened too): no job instance's state
    assertThat(bigquery.stateRows().entrySet().stream().filter(e -> !e.getValue().get(0).equals("-1"))
        .map(java.util.Map.Entry::getKey)).as("a state row per partition")
        .allSatisfy(key -> assertThat(key).matches(".*\\|customers#p[0-3]")).hasSize(4);
    // four partitions staged concurrently: each into a staging table of its own
    assertThat(bigquery.publishScripts().stream().map(s -> s.replaceAll("(?s).*FROM (`[^`]*_tributary_stg_[^`]*`).*",
        "$1")).distinct()).hasSize(4);
  }
}
