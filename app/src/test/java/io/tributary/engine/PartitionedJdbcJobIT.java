package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.testsupport.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partitioned stream ({@code partitions: 4}) on local threads, end to end through the real CLI: JDBC source
 * (PostgreSQL) → PostgreSQL warehouse, with the job repository in PostgreSQL so the partition step executions can be
 * read back. 20,000 source rows; the key ranges are [..5001), [5001, 10001), [10001, 15001), [15001, ..).
 */
@Tag("db")
class PartitionedJdbcJobIT {

  private static final int ROWS = 20_000;

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
    sql("CREATE TABLE " + src + ".customers (id bigint PRIMARY KEY, name text, balance numeric(12,2),"
        + " updated_at timestamptz NOT NULL)");
    // 50 rows share each timestamp, so the (updated_at, id) tie-break matters at page edges.
    sql("INSERT INTO " + src + ".customers SELECT g, 'Customer ' || g, g * 1.25,"
        + " timestamptz '2024-01-01 00:00:00+00' + (g / 50) * interval '1 minute' FROM generate_series(1, " + ROWS
        + ") g");
    System.setProperty("spring.datasource.username", TestPostgres.user());
    cli = new CliRunner(dir.resolve("state"), repositoryUrl(repo));
    job = writeJob(dir, src, dst, "");
  }

  @AfterEach
  void tearDown() {
    System.clearProperty("spring.datasource.username");
  }

  static String repositoryUrl(String schema) {
    return TestPostgres.url() + (TestPostgres.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  static Path writeJob(Path dir, String src, String dst, String extra) throws IOException {
    return Files.writeString(dir.resolve("erp.yml"), """
        source: { type: jdbc, url: "%s", user: %s, schema: %s }
        sink: { type: postgres, url: "%s", user: %s, schema: %s }
        chunk_size: 500
        %s
        streams:
          - name: customers
            primary_key: [id]
            cursor: updated_at
            page_size: 700
            partitions: 4
        """.formatted(TestPostgres.url(), TestPostgres.user(), src, TestPostgres.url(), TestPostgres.user(), dst,
        extra));
  }

  @Test
  void fourPartitionsLoadExactlyTheSourceAndAdvanceTheWatermarkToTheLowestPartition() throws Exception {
    CliRunner.Result run = cli.run("run", job.toString());
    assertThat(run.exitCode()).as(run.output()).isEqualTo(0);
    assertWarehouseEqualsSource(src, dst);

    // one execution per key range, each reading exactly its range's 5,000 rows
    assertThat(partitionSteps(repo, "status || ' ' || read_count"))
        .containsExactly("stream:customers:p0 COMPLETED 5000", "stream:customers:p1 COMPLETED 5000",
            "stream:customers:p2 COMPLETED 5000", "stream:customers:p3 COMPLETED 5000");
    assertThat(TestPostgres.strings("SELECT read_count FROM " + repo + ".batch_step_execution"
        + " WHERE step_name = 'stream:customers'")).containsExactly(String.valueOf(ROWS));
    // the lowest partition watermark: p0 ends at id 5000, updated_at 00:00 + 5000/50 minutes
    assertThat(new ObjectMapper().readValue(TestPostgres.strings("SELECT watermark FROM " + repo
        + ".tributary_watermark").get(0), Map.class))
        .isEqualTo(Map.of("id", "5000", "updated_at", "2024-01-01T01:40:00Z"));
    assertThat(TestPostgres.strings("SELECT rows_read || ' ' || rows_written FROM " + repo
        + ".tributary_load_audit")).containsExactly(ROWS + " " + ROWS);
    assertThat(run.output()).containsPattern("customers\\s+merge\\s+20,000\\s+20,000");

    // the next run re-reads from the lowest watermark: only rows at or after 01:40 (ids 5000..20000) come again
    sql("UPDATE " + src + ".customers SET name = 'Changed', updated_at = timestamptz '2024-02-01 00:00:00+00'"
        + " WHERE id IN (42, 17000)");
    CliRunner.Result second = cli.run("run", job.toString());
    assertThat(second.exitCode()).as(second.output()).isEqualTo(0);
    assertWarehouseEqualsSource(src, dst);
  }

  @Test
  void aFailedPartitionIsResumedAloneAfterItsLastCommittedChunk() throws Exception {
    CliRunner.Result failed = cli.run("run", job.toString(), "--fail-after-chunks", "2", "--fail-partition", "p2");
    assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
    assertThat(failed.output()).contains("injected failure after 2 chunks");
    // p0, p1 and p3 complete (3 x 5,000 rows); p2 committed 2 chunks of 500 before the injected failure
    assertThat(count(dst + ".customers")).isEqualTo(16_000);
    assertThat(partitionSteps(repo, "status"))
        .containsExactly("stream:customers:p0 COMPLETED", "stream:customers:p1 COMPLETED",
            "stream:customers:p2 FAILED", "stream:customers:p3 COMPLETED");
    assertThat(TestPostgres.strings("SELECT count(*) FROM " + repo + ".tributary_watermark")).containsExactly("0");

    CliRunner.Result resumed = cli.run("run", job.toString());
    assertThat(resumed.exitCode()).as(resumed.output()).isEqualTo(0);
    assertThat(resumed.output()).contains("did not complete (FAILED); resuming it");
    assertWarehouseEqualsSource(src, dst);
    // only p2 ran again, and it read only the 4,000 rows after its last committed chunk
    assertThat(TestPostgres.strings("SELECT s.step_name || ' ' || s.status || ' ' || s.read_count FROM " + repo
        + ".batch_step_execution s WHERE s.step_name LIKE 'stream:customers:p%' AND s.job_execution_id ="
        + " (SELECT max(job_execution_id) FROM " + repo + ".batch_job_execution)"))
        .containsExactly("stream:customers:p2 COMPLETED 4000");
    assertThat(new ObjectMapper().readValue(TestPostgres.strings("SELECT watermark FROM " + repo
        + ".tributary_watermark").get(0), Map.class))
        .isEqualTo(Map.of("id", "5000", "updated_at", "2024-01-01T01:40:00Z"));
  }

  @Test
  void partitionsOnAnAppendStreamAreRejectedAtLoad() throws Exception {
    Path append = Files.writeString(dir.resolve("append.yml"),
        Files.readString(job).replace("partitions: 4", "partitions: 4\n    mode: append"));
    CliRunner.Result r = cli.run("run", append.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output()).contains("streams[0].partitions: partitions need mode merge (the stream is append)")
        .contains("use 'mode: merge'");

    Path tooMany = Files.writeString(dir.resolve("many.yml"),
        Files.readString(job).replace("partitions: 4", "partitions: 65"));
    CliRunner.Result r2 = cli.run("run", tooMany.toString());
    assertThat(r2.exitCode()).isEqualTo(2);
    assertThat(r2.output()).contains("streams[0].partitions").contains("65");
  }

  @Test
  void aSourceThatCannotSplitReadsAPartitionedStreamAsOneStep() throws Exception {
    Path demo = DemoJobIT.demoJobIn(Files.createDirectories(dir.resolve("demo")));
    Files.writeString(demo, Files.readString(demo).replaceFirst("primary_key: \\[account_id\\]",
        "primary_key: [account_id]\n    partitions: 3"));
    CliRunner.Result r = cli.run("run", demo.toString());
    assertThat(r.exitCode()).as(r.output()).isEqualTo(0);
    assertThat(TestPostgres.strings("SELECT step_name || ' ' || status FROM " + repo
        + ".batch_step_execution WHERE step_name LIKE 'stream:accounts%'"))
        .containsExactly("stream:accounts COMPLETED");
  }

  @Test
  void anUnreachableBrokerFailsTheRunRestartablyAndAWorkerNeedsAScaleBlock() throws Exception {
    Path scaled = writeJob(Files.createDirectories(dir.resolve("scaled")), src, dst,
        "scale: { broker: { host: 127.0.0.1, port: 1 } }");
    CliRunner.Result r = cli.run("run", scaled.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output()).contains("cannot reach the broker RabbitMQ 127.0.0.1:1/ of scale.broker")
        .contains("start RabbitMQ, or check scale.broker");
    assertThat(TestPostgres.strings("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + dst
        + "'")).as("nothing was loaded").containsExactly("0");

    CliRunner.Result w = cli.run("worker", job.toString());
    assertThat(w.exitCode()).isEqualTo(2);
    assertThat(w.output()).contains("scale: missing: the worker takes its partitions from the broker named there");
  }

  /** {@code stream:customers:p<i> <columns>} of each partition step execution in {@code repo}, by step name. */
  static List<String> partitionSteps(String repo, String columns) throws SQLException {
    return TestPostgres.strings("SELECT step_name || ' ' || " + columns + " FROM " + repo
        + ".batch_step_execution WHERE step_name LIKE 'stream:customers:p%' ORDER BY step_name");
  }

  static void assertWarehouseEqualsSource(String src, String dst) throws SQLException {
    List<String> source = TestPostgres.strings("SELECT id || '|' || name || '|' || balance || '|' || updated_at FROM "
        + src + ".customers ORDER BY id");
    List<String> warehouse = TestPostgres.strings("SELECT id || '|' || name || '|' || balance || '|' || updated_at"
        + " FROM " + dst + ".customers ORDER BY id");
    assertThat(warehouse).hasSize(source.size()).containsExactlyElementsOf(source);
    assertThat(TestPostgres.strings("SELECT count(*) - count(DISTINCT id) FROM " + dst + ".customers"))
        .containsExactly("0");
  }

  static void sql(String statement) throws SQLException {
    try (Connection c = TestPostgres.connect();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  static long count(String table) throws SQLException {
    return Long.parseLong(TestPostgres.strings("SELECT count(*) FROM " + table).get(0));
  }
}
