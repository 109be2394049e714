package io.tributary.engine;

import io.tributary.testsupport.ChildJvm;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testsupport.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the real CLI: JDBC source (PostgreSQL) → PostgreSQL warehouse, H2 job repository. Restart after
 * an injected failure and after kill -9, incremental runs with changes and soft deletes, quarantine. The warehouse is
 * compared with the source table row by row.
 */
@Tag("db")
@Tag("process")
class JdbcToPostgresJobIT {

  @TempDir
  Path dir;

  private String src;
  private String dst;
  private Path job;
  private CliRunner cli;

  @BeforeEach
  void setUp() throws Exception {
    src = TestPostgres.freshSchema("src");
    dst = TestPostgres.freshSchema("dst");
    sql("CREATE TABLE " + src + ".customers (id bigint PRIMARY KEY, name text, balance numeric(12,2),"
        + " is_deleted boolean NOT NULL DEFAULT false, updated_at timestamptz NOT NULL)");
    // 5,000 rows; 50 share each timestamp, so the (updated_at, id) tie-break matters at page edges.
    sql("INSERT INTO " + src + ".customers SELECT g, 'Customer ' || g, g * 1.25, false,"
        + " timestamptz '2024-01-01 00:00:00+00' + (g / 50) * interval '1 minute' FROM generate_series(1, 5000) g");
    cli = new CliRunner(dir.resolve("state"));
    job = writeJob(500, 1000);
  }

  private Path writeJob(int chunkSize, long skipLimit) throws IOException {
    Path file = dir.resolve("erp.yml");
    Files.writeString(file, """
        source: { type: jdbc, url: "%s", user: %s, schema: %s }
        sink: { type: postgres, url: "%s", user: %s, schema: %s }
        chunk_size: %d
        skip_limit: %d
        streams:
          - name: customers
            primary_key: [id]
            cursor: updated_at
            page_size: 700
            deleted_when: { field: is_deleted, equals: "true" }
            fields:
              - { name: id, type: integer }
              - { name: name, max_length: 40 }
              - { name: balance, type: "decimal(12,2)", min: 0 }
              - { name: updated_at, type: timestamp }
        """.formatted(TestPostgres.url(), TestPostgres.user(), src, TestPostgres.url(), TestPostgres.user(), dst,
        chunkSize, skipLimit));
    return file;
  }

  @Test
  void injectedFailureThenRerunLoadsExactlyTheSourceRows() throws Exception {
    CliRunner.Result failed = cli.run("run", job.toString(), "--fail-after-chunks", "3");
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.output()).contains("FAILED").contains("injected failure after 3 chunks");
    assertThat(count(dst + ".customers")).isEqualTo(1500);

    CliRunner.Result resumed = cli.run("run", job.toString());
    assertThat(resumed.exitCode()).isEqualTo(0);
    assertThat(resumed.output()).contains("did not complete (FAILED); resuming it").contains("COMPLETED");
    assertWarehouseEqualsSource();
  }

  @Test
  void aRestartReadsOnAStreamThatHadCompletedSoItsChangesMadeMeanwhileArriveNow() throws Exception {
    sql("CREATE TABLE " + src + ".regions (id int PRIMARY KEY, name text, updated_at timestamptz NOT NULL)");
    sql("INSERT INTO " + src + ".regions SELECT g, 'Region ' || g, timestamptz '2024-01-01 00:00:00+00'"
        + " FROM generate_series(1, 40) g");
    Path twoStreams = Files.writeString(dir.resolve("two.yml"), Files.readString(job).replace("streams:\n",
        "streams:\n  - { name: regions, primary_key: [id], cursor: updated_at }\n"));
    // regions (one chunk) completes; customers fails after 3 chunks, so the job stays restartable.
    CliRunner.Result failed = cli.run("run", twoStreams.toString(), "--fail-after-chunks", "3");
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.output()).containsPattern("regions\\s+merge\\s+40\\s+40");
    sql("UPDATE " + src + ".regions SET name = 'Renamed', updated_at = timestamptz '2024-03-01 00:00:00+00'"
        + " WHERE id IN (3, 4)");

    CliRunner.Result resumed = cli.run("run", twoStreams.toString());
    assertThat(resumed.exitCode()).isEqualTo(0);
    assertThat(resumed.output()).contains("resuming it");
    assertThat(TestPostgres.strings("SELECT id || ' ' || name FROM " + dst + ".regions WHERE id <= 5 ORDER BY id"))
        .containsExactly("1 Region 1", "2 Region 2", "3 Renamed", "4 Renamed", "5 Region 5");
    assertThat(count(dst + ".regions")).isEqualTo(40);
    assertWarehouseEqualsSource();
  }

  @Test
  void aRestartSkipsAnAppendStreamThatHadCompletedSoNothingIsAppendedTwice() throws Exception {
    sql("CREATE TABLE " + src + ".events (id int PRIMARY KEY, name text)");
    sql("INSERT INTO " + src + ".events SELECT g, 'Event ' || g FROM generate_series(1, 30) g");
    Path twoStreams = Files.writeString(dir.resolve("two.yml"), Files.readString(job).replace("streams:\n",
        "streams:\n  - { name: events, mode: append }\n"));
    assertThat(cli.run("run", twoStreams.toString(), "--fail-after-chunks", "3").exitCode()).isEqualTo(1);

    CliRunner.Result resumed = cli.run("run", twoStreams.toString());
    assertThat(resumed.exitCode()).isEqualTo(0);
    assertThat(resumed.output()).containsPattern("events\\s+append\\s+0\\s+0\\s+0\\s+0\\s+loaded before the restart");
    assertThat(count(dst + ".events")).isEqualTo(30);
    assertWarehouseEqualsSource();
  }

  @Test
  void jobRepositoryInPostgresRestartsTheSameWay() throws Exception {
    String repo = TestPostgres.freshSchema("repo");
    System.setProperty("spring.datasource.username", TestPostgres.user());
    try {
      CliRunner pg = new CliRunner(dir.resolve("pgstate"), TestPostgres.url()
          + (TestPostgres.url().contains("?") ? "&" : "?") + "currentSchema=" + repo);
      assertThat(pg.run("run", job.toString(), "--fail-after-chunks", "2").exitCode()).isEqualTo(1);
      CliRunner.Result resumed = pg.run("run", job.toString());
      assertThat(resumed.exitCode()).isEqualTo(0);
      assertThat(resumed.output()).contains("resuming it");
      assertWarehouseEqualsSource();
      assertThat(TestPostgres.strings("SELECT status FROM " + repo + ".batch_job_execution ORDER BY job_execution_id"))
          .containsExactly("FAILED", "COMPLETED");
      assertThat(new com.fasterxml.jackson.databind.ObjectMapper()
          .readValue(TestPostgres.strings("SELECT watermark FROM " + repo + ".tributary_watermark").get(0), java.util.Map.class))
          .isEqualTo(java.util.Map.of("id", "5000", "updated_at", "2024-01-01T01:40:00Z"));
    } finally {
      System.clearProperty("spring.datasource.username");
    }
  }

  @Test
  void killMinus9MidStreamThenRerunLoadsExactlyTheSourceRows() throws Exception {
    Path slowJob = writeJob(100, 1000);
    Process p = ChildJvm.start(new ProcessBuilder(javaCommand("run", slowJob.toString()))
        .redirectErrorStream(true).redirectOutput(dir.resolve("killed-run.log").toFile()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (committedRows() < 300 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(p.isAlive()).as("the first run must still be running when it is killed").isTrue();
    p.destroyForcibly().waitFor(); // SIGKILL on Unix: no shutdown hooks, no cleanup
    long before = count(dst + ".customers");
    assertThat(before).isBetween(300L, 4999L);

    CliRunner.Result resumed = cli.run("run", slowJob.toString());
    assertThat(resumed.exitCode()).isEqualTo(0);
    assertThat(resumed.output()).contains("was interrupted (process died); resuming it");
    assertWarehouseEqualsSource();
  }

  /**
   * The same kill over the binary COPY pass-through: with no field rules the mapping changes no value, so the source's
   * pages go from {@code COPY ... TO STDOUT (FORMAT binary)} into the sink's binary COPY unmapped.
   */
  @Test
  void killMinus9MidStreamOverThePassThroughThenRerunLoadsExactlyTheSourceRows() throws Exception {
    Path plainJob = writePlainJob(20);
    Path childLog = dir.resolve("killed-run-file.log");
    List<String> command = javaCommand("run", plainJob.toString());
    command.add(1, "-DTRIBUTARY_LOG_FILE=" + childLog);
    Process p = new ProcessBuilder(command)
        .redirectErrorStream(true).redirectOutput(dir.resolve("killed-run.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (committedRows() < 300 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(p.isAlive()).as("the first run must still be running when it is killed").isTrue();
    p.destroyForcibly().waitFor();
    assertThat(Files.readString(childLog)).contains("[plain/customers] rows pass through in the sink's encoding");
    assertThat(count(dst + ".customers")).isBetween(300L, 4999L);

    CliRunner.Result resumed = cli.run("run", plainJob.toString());
    assertThat(resumed.exitCode()).isEqualTo(0);
    assertThat(resumed.output()).contains("was interrupted (process died); resuming it");
    assertWarehouseEqualsSource();
  }

  @Test
  void injectedFailureOverThePassThroughThenRerunLoadsExactlyTheSourceRows() throws Exception {
    Path plainJob = writePlainJob(500);
    CliRunner.Result failed = cli.run("run", plainJob.toString(), "--fail-after-chunks", "3");
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(count(dst + ".customers")).isEqualTo(1500);

    CliRunner.Result resumed = cli.run("run", plainJob.toString());
    assertThat(resumed.exitCode()).isEqualTo(0);
    assertThat(resumed.output()).contains("did not complete (FAILED); resuming it").contains("COMPLETED");
    assertWarehouseEqualsSource();
  }

  /** The customers stream with every column as the source has it: the pass-through's case. */
  private Path writePlainJob(int chunkSize) throws IOException {
    return Files.writeString(dir.resolve("plain.yml"), """
        source: { type: jdbc, url: "%s", user: %s, schema: %s }
        sink: { type: postgres, url: "%s", user: %s, schema: %s }
        chunk_size: %d
        streams:
          - name: customers
            primary_key: [id]
            cursor: updated_at
            page_size: 700
        """.formatted(TestPostgres.url(), TestPostgres.user(), src, TestPostgres.url(), TestPostgres.user(), dst,
        chunkSize));
  }

  @Test
  void incrementalRunReadsOnlyChangesAndAppliesSoftDeletes() throws Exception {
    assertThat(cli.run("run", job.toString()).exitCode()).isEqualTo(0);
    assertWarehouseEqualsSource();

    // 10 updated, 5 added, 3 soft-deleted at the source: 18 changed rows.
    sql("UPDATE " + src + ".customers SET balance = balance + 1, updated_at = timestamptz '2024-02-01 00:00:00+00'"
        + " WHERE id BETWEEN 100 AND 109");
    sql("INSERT INTO " + src + ".customers SELECT g, 'New ' || g, 1, false, timestamptz '2024-02-01 00:00:01+00'"
        + " FROM generate_series(5001, 5005) g");
    sql("UPDATE " + src + ".customers SET is_deleted = true, updated_at = timestamptz '2024-02-01 00:00:02+00'"
        + " WHERE id IN (7, 8, 9)");

    CliRunner.Result second = cli.run("run", job.toString());
    assertThat(second.exitCode()).isEqualTo(0);
    assertThat(second.output()).containsPattern("customers\\s+merge\\s+18\\s+18\\s+0");
    assertWarehouseEqualsSource();

    CliRunner.Result third = cli.run("run", job.toString());
    assertThat(third.output()).containsPattern("customers\\s+merge\\s+0\\s+0\\s+0");
    CliRunner.Result status = cli.run("status", "erp");
    assertThat(status.output()).contains("watermarks:").contains("\"updated_at\":\"2024-02-01T00:00:02Z\"");
  }

  @Test
  void badRecordsAreQuarantinedWithReasonsAndTheSkipLimitStopsTheRun() throws Exception {
    sql("UPDATE " + src + ".customers SET balance = -5 WHERE id IN (11, 12)");
    sql("UPDATE " + src + ".customers SET name = repeat('x', 41) WHERE id = 13");
    assertThat(cli.run("run", job.toString()).exitCode()).isEqualTo(0);
    assertThat(count(dst + ".customers")).isEqualTo(4997);
    assertThat(TestPostgres.strings("SELECT source_key || ' ' || reasons FROM " + dst + "._tributary_quarantine ORDER BY 1"))
        .containsExactly("11 balance: -5.00 is below min 0", "12 balance: -5.00 is below min 0",
            "13 name: 41 characters, longer than max_length 40");

    Path strict = dir.resolve("strict");
    Files.createDirectories(strict);
    String dst2 = TestPostgres.freshSchema("dst");
    Path strictJob = Files.writeString(strict.resolve("erp.yml"),
        Files.readString(writeJob(500, 2)).replace("schema: " + dst, "schema: " + dst2));
    CliRunner.Result over = new CliRunner(strict.resolve("state")).run("run", strictJob.toString());
    assertThat(over.exitCode()).isEqualTo(1);
    assertThat(over.output()).contains("3 records failed mapping or validation, more than skip_limit 2")
        .contains("key 11: balance: -5.00 is below min 0");
  }

  private void assertWarehouseEqualsSource() throws SQLException {
    List<String> source = TestPostgres.strings("SELECT id || '|' || name || '|' || balance || '|' || is_deleted || '|' ||"
        + " updated_at FROM " + src + ".customers ORDER BY id");
    List<String> warehouse = TestPostgres.strings("SELECT id || '|' || name || '|' || balance || '|' || _tributary_deleted"
        + " || '|' || updated_at FROM " + dst + ".customers ORDER BY id");
    assertThat(warehouse).hasSize(source.size()).containsExactlyElementsOf(source);
    assertThat(TestPostgres.strings("SELECT count(*) - count(DISTINCT id) FROM " + dst + ".customers")).containsExactly("0");
  }

  private long committedRows() {
    try {
      return count(dst + ".customers");
    } catch (SQLException e) {
      return 0; // the table does not exist yet
    }
  }

  private List<String> javaCommand(String... args) {
    List<String> cmd = new ArrayList<>(ChildJvm.command(args.length > 0 && args[0].equals("run")));
    cmd.addAll(List.of("-Dspring.datasource.url=jdbc:h2:file:" + dir.resolve("state").resolve("repository").toAbsolutePath()
            + ";WRITE_DELAY=0",
        "-Dtributary.state-dir=" + dir.resolve("state"),
        "io.tributary.TributaryApplication"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static void sql(String statement) throws SQLException {
    try (Connection c = TestPostgres.connect();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private static long count(String table) throws SQLException {
    return Long.parseLong(TestPostgres.strings("SELECT count(*) FROM " + table).get(0));
  }

}
