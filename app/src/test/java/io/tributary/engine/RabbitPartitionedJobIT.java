package io.tributary.engine;

import io.tributary.testsupport.ChildJvm;
import static io.tributary.engine.PartitionedJdbcJobIT.assertWarehouseEqualsSource;
import static io.tributary.engine.PartitionedJdbcJobIT.repositoryUrl;
import static io.tributary.engine.PartitionedJdbcJobIT.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.partition.PartitionPlan;
import io.tributary.testsupport.TestPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;

/**
 * Remote partitioning over a real RabbitMQ (127.0.0.1:5672, guest/guest; skipped when it is not running): two
 * {@code ./tributary worker} processes (child JVMs) and the manager ({@code ./tributary run}, in-process) share a
 * PostgreSQL job repository. The warehouse must equal the source, and every partition must have been run by one of
 * the workers, never by the manager's JVM.
 */
@Tag("db")
@Tag("process")
class RabbitPartitionedJobIT {

  private static final String HOST = "127.0.0.1";
  private static final int PORT = 5672;

  @TempDir
  Path dir;

  private String src;
  private String dst;
  private String repo;
  private String prefix;
  private Path job;
  private final List<Process> workers = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    Assumptions.assumeTrue(brokerReachable(), "RabbitMQ is not running at " + HOST + ":" + PORT
        + " (guest/guest): start it to run the remote partitioning test");
    src = TestPostgres.freshSchema("src");
    dst = TestPostgres.freshSchema("dst");
    repo = TestPostgres.freshSchema("repo");
    sql("CREATE TABLE " + src + ".customers (id bigint PRIMARY KEY, name text, balance numeric(12,2),"
        + " updated_at timestamptz NOT NULL)");
    sql("INSERT INTO " + src + ".customers SELECT g, 'Customer ' || g, g * 1.25,"
        + " timestamptz '2024-01-01 00:00:00+00' + (g / 50) * interval '1 minute' FROM generate_series(1, 20000) g");
    Path secret = Files.writeString(dir.resolve("rabbit-password"), "guest");
    prefix = "tributary-it-" + UUID.randomUUID();
    job = PartitionedJdbcJobIT.writeJob(dir, src, dst, """
        scale:
          broker: { host: %s, port: %d, username: guest, password: "${file:%s}" }
          queue_prefix: %s""".formatted(HOST, PORT, secret.toAbsolutePath(), prefix));
  }

  @AfterEach
  void tearDown() throws Exception {
    for (Process p : workers) {
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
    }
    if (prefix != null) {
      CachingConnectionFactory cf = new CachingConnectionFactory(HOST, PORT);
      try {
        new RabbitAdmin(cf).deleteQueue(prefix + ".erp");
      } finally {
        cf.destroy();
      }
    }
  }

  @Test
  void twoWorkerProcessesRunAllPartitionsAndTheWarehouseEqualsTheSource() throws Exception {
    for (int i = 0; i < 2; i++) {
      workers.add(startWorker(i));
    }
    for (int i = 0; i < 2; i++) {
      awaitLog(i, "listening on queue " + prefix + ".erp");
    }
    System.setProperty("spring.datasource.username", TestPostgres.user());
    CliRunner.Result run;
    try {
      run = new CliRunner(dir.resolve("manager"), repositoryUrl(repo)).run("run", job.toString());
    } finally {
      System.clearProperty("spring.datasource.username");
    }
    assertThat(run.exitCode()).as(run.output()).isEqualTo(0);
    assertWarehouseEqualsSource(src, dst);
    assertThat(PartitionedJdbcJobIT.partitionSteps(repo, "status || ' ' || read_count"))
        .containsExactly("stream:customers:p0 COMPLETED 5000", "stream:customers:p1 COMPLETED 5000",
            "stream:customers:p2 COMPLETED 5000", "stream:customers:p3 COMPLETED 5000");

    // Who ran each partition, as recorded in its ExecutionContext: only the two worker processes.
    Set<Long> workerPids = new HashSet<>();
    workers.forEach(p -> workerPids.add(p.pid()));
    Set<Long> runners = partitionRunnerPids();
    assertThat(runners).isNotEmpty().isSubsetOf(workerPids).doesNotContain(ProcessHandle.current().pid());
    // and each worker's own log lists the partitions it ran: together, each of the four exactly once
    List<String> ran = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Matcher m = Pattern.compile("partition (stream:customers:p\\d) of run \\d+: COMPLETED")
          .matcher(Files.readString(log(i)));
      while (m.find()) {
        ran.add(m.group(1));
      }
    }
    assertThat(ran).containsExactlyInAnyOrder("stream:customers:p0", "stream:customers:p1", "stream:customers:p2",
        "stream:customers:p3");
  }

  @Test
  void aPartitionOfAWorkerKilledMidwayIsFinishedByAnotherWorkerAfterItsLastCommittedChunk() throws Exception {
    Path slow = Files.writeString(job, Files.readString(job).replace("chunk_size: 500", "chunk_size: 100"));
    workers.add(startWorker(0));
    awaitLog(0, "listening on queue " + prefix + ".erp");
    System.setProperty("spring.datasource.username", TestPostgres.user());
    java.util.concurrent.ExecutorService manager = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      java.util.concurrent.Future<CliRunner.Result> run = manager.submit(
          () -> new CliRunner(dir.resolve("manager"), repositoryUrl(repo)).run("run", slow.toString()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (committedRows() < 1500 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      long before = committedRows();
      workers.get(0).destroyForcibly().waitFor(); // SIGKILL: its request is unacknowledged
      assertThat(before).as("the first worker must be killed mid-stream").isBetween(1500L, 19_999L);
      workers.add(startWorker(1));
      CliRunner.Result result = run.get(180, TimeUnit.SECONDS);
      assertThat(result.exitCode()).as(result.output()).isEqualTo(0);
    } finally {
      manager.shutdownNow();
      System.clearProperty("spring.datasource.username");
    }
    assertWarehouseEqualsSource(src, dst);
    assertThat(PartitionedJdbcJobIT.partitionSteps(repo, "status"))
        .containsExactly("stream:customers:p0 COMPLETED", "stream:customers:p1 COMPLETED",
            "stream:customers:p2 COMPLETED", "stream:customers:p3 COMPLETED");
    // the second worker took over the killed worker's partition after its last committed chunk, and ran the rest
    assertThat(Files.readString(dir.resolve("worker1-tributary.log")))
        .containsPattern("\\[erp/customers#p\\d\\] resuming after \\{id=\\d+, updated_at=");
    assertThat(Files.readString(log(1))).containsPattern("partition stream:customers:p\\d of run \\d+: COMPLETED");
    Set<Long> runners = partitionRunnerPids();
    assertThat(runners).containsExactly(workers.get(1).pid());
  }

  private long committedRows() {
    try {
      return PartitionedJdbcJobIT.count(dst + ".customers");
    } catch (java.sql.SQLException e) {
      return 0; // the table does not exist yet
    }
  }

  @Test
  void aPartitionThatFailedOnAWorkerIsTheOnlyOneSentAgainOnRestart() throws Exception {
    workers.add(startWorker(0, "--fail-after-chunks", "2", "--fail-partition", "p2"));
    awaitLog(0, "listening on queue " + prefix + ".erp");
    CliRunner.Result failed = runManager();
    assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
    assertThat(failed.output()).contains("injected failure after 2 chunks");
    assertThat(PartitionedJdbcJobIT.count(dst + ".customers")).isEqualTo(16_000);
    workers.get(0).destroy();
    workers.get(0).waitFor(20, TimeUnit.SECONDS);

    workers.add(startWorker(1));
    awaitLog(1, "listening on queue " + prefix + ".erp");
    CliRunner.Result resumed = runManager();
    assertThat(resumed.exitCode()).as(resumed.output()).isEqualTo(0);
    assertThat(resumed.output()).contains("did not complete (FAILED); resuming it");
    assertWarehouseEqualsSource(src, dst);
    // only p2 was sent again, and it read only the 4,000 rows after its last committed chunk
    assertThat(TestPostgres.strings("SELECT s.step_name || ' ' || s.status || ' ' || s.read_count FROM " + repo
        + ".batch_step_execution s WHERE s.step_name LIKE 'stream:customers:p%' AND s.job_execution_id ="
        + " (SELECT max(job_execution_id) FROM " + repo + ".batch_job_execution)"))
        .containsExactly("stream:customers:p2 COMPLETED 4000");
    assertThat(Files.readString(log(1))).containsPattern("partition stream:customers:p2 of run \\d+: COMPLETED");
  }

  @Test
  void aWorkerWithADifferentJobFileFailsThePartitionsInsteadOfLeavingTheManagerWaiting() throws Exception {
    Path other = Files.createDirectories(dir.resolve("other")).resolve("erp.yml");
    Files.writeString(other, Files.readString(job).replace("- name: customers", "- name: orders"));
    workers.add(startWorker(0, other));
    awaitLog(0, "listening on queue " + prefix + ".erp");
    CliRunner.Result r = runManager();
    assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
    assertThat(r.output()).contains("partition p0 on ").contains("this worker has no stream step stream:customers");
    assertThat(PartitionedJdbcJobIT.count(dst + ".customers")).isZero();
  }

  private CliRunner.Result runManager() {
    System.setProperty("spring.datasource.username", TestPostgres.user());
    try {
      return new CliRunner(dir.resolve("manager"), repositoryUrl(repo)).run("run", job.toString());
    } finally {
      System.clearProperty("spring.datasource.username");
    }
  }

  @Test
  void aWorkerRefusesAnH2JobRepository() throws Exception {
    CliRunner.Result r = new CliRunner(dir.resolve("h2state")).run("worker", job.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output()).contains("the worker needs a job repository shared by the manager and every worker")
        .contains("TRIBUTARY_REPOSITORY_URL=jdbc:postgresql://");
  }

  /** Counts are exact over workers too: the summary's written and quarantined are the table's and quarantine's rows. */
  @Test
  void aRunOnWorkersCountsQuarantinedRecordsApartFromWrittenRows() throws Exception {
    sql("UPDATE " + src + ".customers SET balance = -1 WHERE id % 2000 = 7"); // 10 rows fail min: 0
    Path mapped = Files.writeString(job, Files.readString(job).replace("partitions: 4\n", """
        partitions: 4
            fields:
              - { name: id, type: integer }
              - { name: name }
              - { name: balance, type: "decimal(12,2)", min: 0 }
              - { name: updated_at, type: timestamp }
        """));
    workers.add(startWorker(0, mapped));
    awaitLog(0, "listening on queue " + prefix + ".erp");
    System.setProperty("spring.datasource.username", TestPostgres.user());
    CliRunner.Result run;
    try {
      run = new CliRunner(dir.resolve("manager"), repositoryUrl(repo)).run("run", mapped.toString());
    } finally {
      System.clearProperty("spring.datasource.username");
    }
    assertThat(run.exitCode()).as(run.output()).isEqualTo(0);
    assertThat(TestPostgres.strings("SELECT count(*) FROM " + dst + ".customers")).containsExactly("19990");
    assertThat(TestPostgres.strings("SELECT count(*) FROM " + dst + "._tributary_quarantine")).containsExactly("10");
    assertThat(run.output()).containsPattern("customers\\s+merge\\s+20,000\\s+19,990\\s+10\\s");
  }

  @SuppressWarnings("unchecked")
  /** The process id of whoever ran each partition, as recorded in the partition's ExecutionContext. */
  private Set<Long> partitionRunnerPids() throws Exception {
    Set<Long> runners = new HashSet<>();
    for (String encoded : TestPostgres.strings("SELECT c.short_context FROM " + repo
        + ".batch_step_execution_context c JOIN " + repo + ".batch_step_execution s USING (step_execution_id)"
        + " WHERE s.step_name LIKE 'stream:customers:p%'")) {
      String runner = String.valueOf(context(encoded).get(PartitionPlan.RUNNER_KEY));
      runners.add(Long.parseLong(runner.substring(runner.lastIndexOf('/') + 1)));
    }
    return runners;
  }

  private static Map<String, Object> context(String encoded) throws IOException {
    // the serializer reads its own Base64 text form
    return new DefaultExecutionContextSerializer().deserialize(
        new ByteArrayInputStream(encoded.getBytes(StandardCharsets.UTF_8)));
  }

  private Process startWorker(int i, String... options) throws IOException {
    return startWorker(i, job, options);
  }

  private Process startWorker(int i, Path jobFile, String... options) throws IOException {
    List<String> cmd = new ArrayList<>(ChildJvm.command(false));
    cmd.addAll(List.of("-Dspring.datasource.url=" + repositoryUrl(repo),
        "-Dspring.datasource.username=" + TestPostgres.user(),
        "-Dtributary.state-dir=" + dir.resolve("worker" + i),
        "io.tributary.cli.TestCommandLine", "worker", jobFile.toString()));
    cmd.addAll(List.of(options));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log(i).toFile());
    pb.environment().put("TRIBUTARY_LOG_FILE", dir.resolve("worker" + i + "-tributary.log").toString());
    return ChildJvm.start(pb);
  }

  private Path log(int i) {
    return dir.resolve("worker" + i + ".log");
  }

  private void awaitLog(int i, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log(i)) && Files.readString(log(i)).contains(text)) {
        return;
      }
      assertThat(workers.get(i).isAlive()).as("worker %d exited: %s", i,
          Files.exists(log(i)) ? Files.readString(log(i)) : "").isTrue();
      Thread.sleep(200);
    }
    throw new AssertionError("worker " + i + " did not start listening: " + Files.readString(log(i)));
  }

  private static boolean brokerReachable() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(HOST, PORT), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
