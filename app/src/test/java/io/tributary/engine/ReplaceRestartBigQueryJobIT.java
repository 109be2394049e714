package io.tributary.engine;

import static io.tributary.engine.PartitionedJdbcJobIT.repositoryUrl;
import static io.tributary.engine.PartitionedJdbcJobIT.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sink.bigquery.BigQueryStub;
import io.tributary.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 16 end to end through the real CLI: a replace stream into BigQuery (the HTTP stub) whose run dies between
 * the warehouse's commit of the publish and the job repository's completion of the step. The kill is a real fault of
 * the job repository, not a hook in the product: a PostgreSQL trigger makes the audit row's INSERT — written after
 * {@code finish()} — fail once. The rerun restarts the same job instance; it must not touch the published copy.
 */
@Tag("db")
@Tag("sandbox")
class ReplaceRestartBigQueryJobIT {

  @TempDir
  Path dir;

  private BigQueryStub bigquery;
  private String src;
  private String repo;
  private CliRunner cli;
  private Path job;

  @BeforeEach
  void setUp() throws Exception {
    bigquery = new BigQueryStub();
    src = TestPostgres.freshSchema("src");
    repo = TestPostgres.freshSchema("repo");
    sql("CREATE TABLE " + src + ".plans (id bigint PRIMARY KEY, name text)");
    sql("INSERT INTO " + src + ".plans SELECT g, 'Plan ' || g FROM generate_series(1, 300) g");
    System.setProperty("spring.datasource.username", TestPostgres.user());
    cli = new CliRunner(dir.resolve("state"), repositoryUrl(repo));
    job = Files.writeString(dir.resolve("billing.yml"), """
        source: { type: jdbc, url: "%s", user: %s, schema: %s }
        sink: { type: bigquery, project: acme-analytics, dataset: raw, endpoint: "%s", spool_dir: "%s" }
        chunk_size: 100
        streams:
          - name: plans
            primary_key: [id]
            mode: replace
        """.formatted(TestPostgres.url(), TestPostgres.user(), src, bigquery.endpoint(), dir.resolve("spool")));
  }

  @AfterEach
  void tearDown() {
    System.clearProperty("spring.datasource.username");
    bigquery.close();
  }

  @Test
  void aRestartAfterTheWarehouseCommittedNeverEmptiesTheTarget() throws Exception {
    CliRunner.Result first = cli.run("run", job.toString());
    assertThat(first.exitCode()).as(first.output()).isEqualTo(0);
    sql("CREATE FUNCTION " + repo + ".refuse_audit() RETURNS trigger LANGUAGE plpgsql AS"
        + " $$ BEGIN RAISE EXCEPTION 'job repository lost (injected by the test)'; END $$");
    sql("CREATE TRIGGER refuse_audit BEFORE INSERT ON " + repo + ".tributary_load_audit FOR EACH ROW EXECUTE FUNCTION "
        + repo + ".refuse_audit()");
    CliRunner.Result killed = cli.run("run", job.toString());
    assertThat(killed.exitCode()).as(killed.output()).isEqualTo(1);
    assertThat(bigquery.publishScripts()).as("run 2 published before the job repository failed").hasSize(2);

    sql("DROP TRIGGER refuse_audit ON " + repo + ".tributary_load_audit");
    CliRunner.Result restart = cli.run("run", job.toString());
    assertThat(restart.exitCode()).as(restart.output()).isEqualTo(0);
    assertThat(restart.output()).contains("resuming it");
    List<String> scripts = bigquery.publishScripts();
    assertThat(scripts).as("the restart has nothing new to publish, and above all no DELETE").hasSize(2);
    assertThat(scripts).allSatisfy(s -> assertThat(s).contains("INSERT INTO `acme-analytics.raw.plans`"));
    assertThat(bigquery.loadedLines()).as("300 rows in each of the two runs, none in the restart").isEqualTo(600);
  }
}
