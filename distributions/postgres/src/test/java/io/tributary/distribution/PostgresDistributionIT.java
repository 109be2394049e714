package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.tributary.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slim PostgreSQL distribution as a user gets it: target/tributary-postgres.jar (written in the package phase,
 * before this test runs) started with {@code java -jar}, a JDBC → PostgreSQL and a file → PostgreSQL job against
 * the test PostgreSQL (schemas dist_pg_*), and a job naming a warehouse the jar leaves out.
 */
@Tag("db")
@Tag("process")
class PostgresDistributionIT {

  private static final Path JAR = Path.of("target", "tributary-postgres.jar").toAbsolutePath();
  /** The job files' connection: URL, user and, where the server has one, a password passed by reference. */
  private static final String CONNECTION = "url: " + TestPostgres.url() + ", user: " + TestPostgres.user()
      + (TestPostgres.password().isEmpty() ? "" : ", password: \"${env:DIST_PG_PASSWORD}\"");

  @TempDir
  static Path work;

  @BeforeAll
  static void seed() throws SQLException {
    sql("DROP SCHEMA IF EXISTS dist_pg_src CASCADE", "DROP SCHEMA IF EXISTS dist_pg_dst CASCADE",
        "CREATE SCHEMA dist_pg_src",
        "CREATE TABLE dist_pg_src.customers (id bigint PRIMARY KEY, name text, updated_at timestamptz NOT NULL)",
        "INSERT INTO dist_pg_src.customers VALUES (1, 'Ada', '2024-01-01 00:00:00+00'),"
            + " (2, 'Grace', '2024-01-02 00:00:00+00'), (3, 'Edsger', '2024-01-03 00:00:00+00')");
  }

  @Test
  void theJarCarriesOnlyItsOwnPlatforms() throws IOException {
    List<String> libs = new ArrayList<>();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      for (ZipEntry e : Collections.list(jar.entries())) {
        if (e.getName().startsWith("BOOT-INF/lib/")) {
          libs.add(e.getName().substring("BOOT-INF/lib/".length()));
        }
      }
    }
    assertThat(libs.stream().filter(n -> n.startsWith("tributary-")).map(n -> n.replace("-0.1.0-SNAPSHOT.jar", "")))
        .containsExactlyInAnyOrder("tributary-app", "tributary-core", "tributary-engine", "tributary-mcp",
            "tributary-sink-sql", "tributary-sink-postgres", "tributary-source-jdbc", "tributary-source-file");
    // no other warehouse's driver, no simulators, no RabbitMQ scale-out (the marts readers and MCP server stay)
    assertThat(libs).noneMatch(n -> n.startsWith("snowflake-jdbc") || n.startsWith("duckdb_jdbc")
        || n.startsWith("google-cloud-bigquery") || n.startsWith("grpc-") || n.startsWith("spring-rabbit")
        || n.startsWith("amqp-client") || n.startsWith("spring-integration"));
  }

  @Test
  void aJdbcToPostgresJobLoadsItsRows() throws Exception {
    Path job = job("customers.yml", """
        source: { type: jdbc, %s, schema: dist_pg_src }
        sink: { type: postgres, %s, schema: dist_pg_dst }
        streams:
          - name: customers
            mode: merge
            primary_key: [id]
            cursor: [updated_at]
            options: { table: dist_pg_src.customers }
        """.formatted(CONNECTION, CONNECTION));

    Run run = tributary("run", job.toString());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(rows("SELECT id, name FROM dist_pg_dst.customers ORDER BY id"))
        .containsExactly("1 Ada", "2 Grace", "3 Edsger");
  }

  @Test
  void aFileToPostgresJobLoadsItsRows() throws Exception {
    Path drop = Files.createDirectories(work.resolve("drop"));
    Files.writeString(drop.resolve("orders.csv"), "order_id,amount\n10,4.50\n11,7.25\n");
    Path job = job("orders.yml", """
        source: { type: file, dir: %s }
        sink: { type: postgres, %s, schema: dist_pg_dst }
        streams:
          - name: orders
            primary_key: [order_id]
            options: { pattern: "orders*.csv" }
        """.formatted(drop, CONNECTION));

    Run run = tributary("run", job.toString());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(rows("SELECT order_id, amount FROM dist_pg_dst.orders ORDER BY order_id"))
        .containsExactly("10 4.50", "11 7.25");
  }

  @Test
  void aWarehouseLeftOutOfTheJarIsAConfigurationErrorThatSaysSo() throws Exception {
    Path job = job("to_snowflake.yml", """
        source: { type: jdbc, %s, schema: dist_pg_src }
        sink: { type: snowflake, account: xy12345, user: loader, database: ANALYTICS, schema: RAW }
        streams:
          - name: customers
            primary_key: [id]
            options: { table: dist_pg_src.customers }
        """.formatted(CONNECTION));

    Run run = tributary("run", job.toString());

    assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
    assertThat(run.output()).contains("sink.type: unknown sink type 'snowflake'", "available: postgres",
        "slim 'postgres' distribution", "docs/distributions.md");
  }

  @Test
  void theSimulatorCommandIsNotOffered() throws Exception {
    Run help = tributary("--help");
    Run sandbox = tributary("sandbox");

    assertThat(help.output()).contains("run ", "worker ").doesNotContain("sandbox");
    assertThat(sandbox.exitCode()).isEqualTo(2);
    assertThat(sandbox.output()).contains("Unmatched argument at index 0: 'sandbox'");
  }

  record Run(int exitCode, String output) {}

  private static Run tributary(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile(work, "tributary", ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("DIST_PG_PASSWORD", TestPostgres.password());
    Process p = pb.start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new IllegalStateException("java -jar " + JAR + " " + String.join(" ", args) + " did not finish in 180 s");
    }
    return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private static Path job(String name, String yaml) throws IOException {
    return Files.writeString(work.resolve(name), yaml);
  }

  private static List<String> rows(String query) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = TestPostgres.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getString(2));
      }
    }
    return rows;
  }

  private static void sql(String... statements) throws SQLException {
    try (Connection c = TestPostgres.connect();
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }
}
