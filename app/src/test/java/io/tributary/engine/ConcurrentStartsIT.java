package io.tributary.engine;

import io.tributary.testsupport.ChildJvm;
import static io.tributary.engine.PartitionedJdbcJobIT.repositoryUrl;
import static io.tributary.engine.PartitionedJdbcJobIT.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testsupport.TestPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * Issue 16, finding 9: everything that starts at once on a fresh job repository (an empty PostgreSQL schema) and a
 * fresh warehouse schema (not created yet) — two {@code worker}s, the manager {@code run} of a partitioned job they
 * serve, and the first {@code run} of a second job — as four processes launched together. None may crash on schema
 * creation; both jobs load exactly their source. {@code TRIBUTARY_CONCURRENT_TRIALS} (bench/concurrent-starts) sets
 * how many times; the suite runs it once.
 */
@Tag("db")
@Tag("process")
class ConcurrentStartsIT {

  private static final int ROWS = 4000;

  @TempDir
  Path dir;

  @Test
  void twoWorkersAndTwoFirstRunsStartedTogetherOnAFreshRepositoryAndWarehouseNeverCrash() throws Exception {
    Assumptions.assumeTrue(brokerReachable(), "RabbitMQ is not running at 127.0.0.1:5672 (guest/guest)");
    int trials = Integer.parseInt(System.getenv().getOrDefault("TRIBUTARY_CONCURRENT_TRIALS", "1"));
    String src = TestPostgres.freshSchema("src");
    sql("CREATE TABLE " + src + ".customers (id bigint PRIMARY KEY, name text, balance numeric(12,2),"
        + " updated_at timestamptz NOT NULL)");
    sql("INSERT INTO " + src + ".customers SELECT g, 'Customer ' || g, g * 1.25,"
        + " timestamptz '2024-01-01 00:00:00+00' + (g / 50) * interval '1 minute' FROM generate_series(1, " + ROWS
        + ") g");
    int clean = 0;
    for (int trial = 1; trial <= trials; trial++) {
      String outcome = trial(trial, src);
      System.out.println("[concurrent-starts] trial " + trial + ": " + outcome);
      clean += outcome.startsWith("clean") ? 1 : 0;
    }
    System.out.println("[concurrent-starts] " + clean + " of " + trials + " trials clean");
    assertThat(clean).isEqualTo(trials);
  }

  /** One trial on a new repository schema and a new warehouse schema; returns "clean ..." or what went wrong. */
  private String trial(int trial, String src) throws Exception {
    Path wd = Files.createDirectories(dir.resolve("trial-" + trial));
    String repo = TestPostgres.freshSchema("repo");
    String dst = "dst_" + UUID.randomUUID().toString().substring(0, 8);
    String prefix = "tributary-starts-" + UUID.randomUUID();
    Path secret = Files.writeString(wd.resolve("rabbit-password"), "guest");
    Path partitioned = Files.writeString(wd.resolve("erp.yml"), """
        source: { type: jdbc, url: "%s", user: %s, schema: %s }
        sink: { type: postgres, url: "%s", user: %s, schema: %s }
        chunk_size: 500
        scale:
          broker: { host: 127.0.0.1, port: 5672, username: guest, password: "${file:%s}" }
          queue_prefix: %s
        streams:
          - { name: customers, primary_key: [id], cursor: updated_at, page_size: 700, partitions: 4 }
        """.formatted(TestPostgres.url(), TestPostgres.user(), src, TestPostgres.url(), TestPostgres.user(), dst,
        secret.toAbsolutePath(), prefix));
    Path plain = Files.writeString(wd.resolve("crm.yml"), """
        source: { type: jdbc, url: "%s", user: %s, schema: %s }
        sink: { type: postgres, url: "%s", user: %s, schema: %s }
        chunk_size: 500
        streams:
          - { name: customers, table: crm_customers, primary_key: [id], cursor: updated_at }
        """.formatted(TestPostgres.url(), TestPostgres.user(), src, TestPostgres.url(), TestPostgres.user(), dst));
    List<Process> workers = new ArrayList<>();
    try {
      workers.add(start(wd, repo, "worker0", "worker", partitioned));
      workers.add(start(wd, repo, "worker1", "worker", partitioned));
      Process erp = start(wd, repo, "run-erp", "run", partitioned);
      Process crm = start(wd, repo, "run-crm", "run", plain);
      for (Process run : List.of(erp, crm)) {
        if (!run.waitFor(300, TimeUnit.SECONDS)) {
          run.destroyForcibly().waitFor();
          return "a run did not end in 300 s; logs in " + wd;
        }
      }
      for (String name : List.of("worker0", "worker1")) {
        int i = name.endsWith("0") ? 0 : 1;
        if (!workers.get(i).isAlive()) {
          return name + " died (exit " + workers.get(i).exitValue() + "): " + tail(wd.resolve(name + ".log"));
        }
      }
      if (erp.exitValue() != 0 || crm.exitValue() != 0) {
        return "exits erp=" + erp.exitValue() + " crm=" + crm.exitValue() + ": "
            + tail(wd.resolve(erp.exitValue() != 0 ? "run-erp.log" : "run-crm.log"));
      }
      String erpRows = counts(dst + ".customers");
      String crmRows = counts(dst + ".crm_customers");
      String expected = ROWS + " " + ROWS;
      if (!erpRows.equals(expected) || !crmRows.equals(expected)) {
        return "rows (count distinct) erp=" + erpRows + " crm=" + crmRows + ", expected " + expected;
      }
      return "clean: both runs exit 0, both workers alive, " + ROWS + " rows each, 0 duplicates";
    } finally {
      for (Process p : workers) {
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor();
        }
      }
      CachingConnectionFactory cf = new CachingConnectionFactory("127.0.0.1", 5672);
      try {
        new RabbitAdmin(cf).deleteQueue(prefix + ".erp");
      } finally {
        cf.destroy();
      }
    }
  }

  private static String counts(String table) throws Exception {
    return TestPostgres.strings("SELECT count(*) || ' ' || count(DISTINCT id) FROM " + table).get(0);
  }

  private static Process start(Path wd, String repo, String name, String command, Path job) throws IOException {
    List<String> cmd = new ArrayList<>(ChildJvm.command(command.equals("run")));
    cmd.addAll(List.of("-Dspring.datasource.url=" + repositoryUrl(repo),
        "-Dspring.datasource.username=" + TestPostgres.user(),
        "-Dtributary.state-dir=" + wd.resolve("state-" + name),
        "io.tributary.TributaryApplication", command, job.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(Files.createDirectories(wd.resolve("wd-" + name)).toFile())
        .redirectErrorStream(true).redirectOutput(wd.resolve(name + ".log").toFile());
    pb.environment().put("TRIBUTARY_LOG_FILE", wd.resolve(name + "-tributary.log").toString());
    return ChildJvm.start(pb);
  }

  private static String tail(Path log) throws IOException {
    String text = Files.exists(log) ? Files.readString(log) : "(no log)";
    return text.substring(Math.max(0, text.length() - 1500));
  }

  private static boolean brokerReachable() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", 5672), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
