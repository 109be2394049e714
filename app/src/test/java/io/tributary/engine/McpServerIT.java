package io.tributary.engine;

import io.tributary.testsupport.ChildJvm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.config.JobConfigLoader;
import io.tributary.mart.read.MartQuery;
import io.tributary.mart.read.MartReader;
import io.tributary.mcp.MartMcpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP server driven by a client this project did not write, the official TypeScript SDK
 * ({@code @modelcontextprotocol/sdk} 1.32.2 from npm, installed under target/), over both transports: stdio (the
 * client starts {@code tributary mcp} as a child process) and Streamable HTTP. Then the readers-never-block-loads
 * promise: a reader holds the published marts open while the job runs again, the run completes, and the reader sees
 * the new data. Expected values are computed from the raw tables, not with the mart SQL.
 */
@Tag("process")
@Tag("sandbox")
class McpServerIT {

  private static final String SDK = "@modelcontextprotocol/sdk@1.32.2";
  private static final Path CLIENT_DIR = Path.of("target/mcp-ts-client").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void aRealMcpClientListsReadsQueriesAndIsRefusedWritesOverStdioAndHttp() throws Exception {
    Path client = installClient();
    Path job = demoJob();
    Path state = dir.resolve("state");
    assertThat(new CliRunner(state).run("run", job.toString()).exitCode()).isEqualTo(0);
    long openOpportunities = openOpportunitiesInRaw();

    List<String> server = new ArrayList<>(ChildJvm.command(false));
    server.addAll(List.of("-Dtributary.state-dir=" + state, "io.tributary.TributaryApplication", "mcp", "--job",
        job.toString()));
    JsonNode stdio = runClient(client, "stdio", JSON.writeValueAsString(Map.of("command", server.get(0),
        "args", server.subList(1, server.size()), "cwd", Path.of("").toAbsolutePath().toString())));
    check(stdio, openOpportunities);

    System.setProperty("tributary.state-dir", state.toString());
    try (MartReader reader = MartReader.open(JobConfigLoader.load(job), false)) {
      Tomcat tomcat = MartMcpServer.serveHttp(reader, "127.0.0.1", 0);
      try {
        JsonNode http = runClient(client, "http", "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/mcp");
        check(http, openOpportunities);
      } finally {
        tomcat.stop();
        tomcat.destroy();
      }
    } finally {
      System.clearProperty("tributary.state-dir");
    }
    assertAudited(state);
  }

  @Test
  void aReaderHoldingTheMartsOpenDoesNotKeepTheLoadOutAndThenSeesTheNewData() throws Exception {
    Path job = demoJob();
    Path state = dir.resolve("state");
    assertThat(new CliRunner(state).run("run", job.toString()).exitCode()).isEqualTo(0);
    System.setProperty("tributary.state-dir", state.toString());
    try (MartReader reader = MartReader.open(JobConfigLoader.load(job), false)) {
      String total = "SELECT SUM(open_opportunities) AS n FROM marts.sf_opportunity_aging";
      long before = ((Number) reader.query(MartQuery.of(total), "it").rows().get(0).get("n")).longValue();
      assertThat(before).isEqualTo(openOpportunitiesInRaw());
      // one more open opportunity in raw: a copy of an open one under a new Id (as a load would merge it)
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("demo.duckdb"));
          Statement s = c.createStatement()) {
        s.execute("INSERT INTO raw.opportunities SELECT * REPLACE ('006IT00000000001' AS id) FROM raw.opportunities"
            + " WHERE NOT is_closed AND NOT _tributary_deleted LIMIT 1");
      }
      // the reader's connection to the published marts is open now; the run must still complete
      CliRunner.Result rerun = new CliRunner(state).run("run", job.toString());
      assertThat(rerun.exitCode()).as(rerun.output()).isEqualTo(0);
      System.setProperty("tributary.state-dir", state.toString());
      long after = ((Number) reader.query(MartQuery.of(total), "it").rows().get(0).get("n")).longValue();
      assertThat(after).isEqualTo(before + 1).isEqualTo(openOpportunitiesInRaw());
    } finally {
      System.clearProperty("tributary.state-dir");
    }
  }

  /**
   * {@code tributary mcp <project folder>}: the jobs below the folder (one nested) load two warehouses; the official
   * client sees every mart with its job, its queries run on the warehouse of the marts they name (or the job they
   * name), a query that names none or joins two warehouses is refused, and PII stays masked. Then the exit-2 cases.
   */
  @Test
  void aProjectFolderServesEveryJobsMartsFromEachJobsWarehouse() throws Exception {
    Path client = installClient();
    Path jobs = Files.createDirectories(dir.resolve("project/jobs/erp"));
    Path demo = Files.move(demoJob(), jobs.resolveSibling("mcp_it_demo.yml"));
    Path erp = Files.writeString(jobs.resolve("erp_files_demo.yml"), Files.readString(DemoJobIT.demoJobIn(dir))
        .replace(dir.resolve("demo.duckdb").toAbsolutePath().toString(), dir.resolve("erp.duckdb").toAbsolutePath()
            .toString()));
    Files.delete(dir.resolve("demo.yml"));
    Path state = dir.resolve("state");
    assertThat(new CliRunner(state).run("run", demo.toString()).exitCode()).isEqualTo(0);
    assertThat(new CliRunner(state).run("run", erp.toString()).exitCode()).isEqualTo(0);
    Path folder = demo.getParent();

    List<String> server = new ArrayList<>(ChildJvm.command(false));
    server.addAll(List.of("-Dtributary.state-dir=" + state, "io.tributary.TributaryApplication", "mcp",
        folder.toString()));
    checkProject(runClient(client, "stdio", JSON.writeValueAsString(Map.of("command", server.get(0),
        "args", server.subList(1, server.size()), "cwd", Path.of("").toAbsolutePath().toString())), "project"));
    System.setProperty("tributary.state-dir", state.toString());
    try (MartReader reader = MartReader.open(folder.toString(), List.of(JobConfigLoader.load(demo),
        JobConfigLoader.load(erp)), false)) {
      Tomcat tomcat = MartMcpServer.serveHttp(reader, "127.0.0.1", 0);
      try {
        checkProject(runClient(client, "http", "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/mcp",
            "project"));
      } finally {
        tomcat.stop();
        tomcat.destroy();
      }
    } finally {
      System.clearProperty("tributary.state-dir");
    }

    Path empty = Files.createDirectories(dir.resolve("empty"));
    CliRunner.Result none = new CliRunner(state).run("mcp", empty.toString());
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.output()).contains(empty + " holds no job files (*.yml)");
    Path twice = Files.createDirectories(dir.resolve("twice"));
    Files.copy(erp, twice.resolve("erp_a.yml"));
    Files.copy(erp, twice.resolve("erp_b.yml"));
    CliRunner.Result conflict = new CliRunner(state).run("mcp", twice.toString());
    assertThat(conflict.exitCode()).isEqualTo(2);
    assertThat(conflict.output()).contains("erp_a.yml and ").contains("erp_b.yml both build a mart named"
        + " 'account_360'");
  }

  private void checkProject(JsonNode out) throws SQLException {
    JsonNode catalog = out.get("catalog").get("structured");
    Map<String, String> jobOfMart = new java.util.TreeMap<>();
    java.util.Set<String> warehouses = new java.util.HashSet<>();
    catalog.get("marts").forEach(m -> {
      jobOfMart.put(m.get("name").asText(), m.get("job").asText());
      warehouses.add(m.get("warehouse").asText());
    });
    assertThat(jobOfMart).isEqualTo(Map.of("sf_opportunity_aging", "mcp_it_demo", "sf_pipeline_by_stage_owner",
        "mcp_it_demo", "account_360", "erp_files_demo", "pipeline_by_stage", "erp_files_demo"));
    assertThat(warehouses).hasSize(2);

    assertThat(number(out, "routed_sf")).isEqualTo(openOpportunitiesInRaw());
    assertThat(number(out, "routed_erp")).isEqualTo(scalar(dir.resolve("erp.duckdb"),
        "SELECT count(*) FROM raw.opportunities WHERE NOT _tributary_deleted"));
    assertThat(number(out, "named_job")).isEqualTo(scalar(dir.resolve("erp.duckdb"), "SELECT count(*) FROM ("
        + "SELECT account_id FROM raw.accounts WHERE NOT _tributary_deleted UNION SELECT account_id FROM"
        + " raw.opportunities WHERE NOT _tributary_deleted UNION SELECT account_id FROM raw.invoices WHERE NOT"
        + " _tributary_deleted) ids"));
    assertThat(number(out, "named_job_no_mart")).isEqualTo(42);
    assertRefused(out, "no_mart", "reads 2 warehouses and the query names no mart of them");
    assertRefused(out, "cross", "names marts of different warehouses (pipeline_by_stage, sf_opportunity_aging)");
    assertRefused(out, "unknown_job", "no job named 'no_such_job' is served here");

    java.util.Set<String> owners = new java.util.HashSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("erp.duckdb"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT DISTINCT lower(owner) FROM raw.opportunities WHERE owner IS NOT NULL")) {
      while (rs.next()) {
        owners.add(rs.getString(1));
      }
    }
    assertThat(owners).isNotEmpty();
    JsonNode leaked = out.get("leak").get("structured").get("rows");
    assertThat(leaked.size()).isPositive();
    leaked.forEach(r -> {
      assertThat(r.get("o").isNull() || r.get("o").asText().equals("***")).as(r.toString()).isTrue();
      assertThat(owners).doesNotContain(r.get("o").asText());
    });
    JsonNode describe = out.get("describe").get("structured");
    assertThat(describe.get("job").asText()).isEqualTo("erp_files_demo");
    assertThat(describe.get("sample_rows")).hasSize(2);
  }

  private static long number(JsonNode out, String call) {
    assertThat(out.get(call).get("isError").asBoolean()).as(call + ": " + out.get(call).get("text")).isFalse();
    return out.get(call).get("structured").get("rows").get(0).get("n").asLong();
  }

  private static long scalar(Path duckDb, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + duckDb);
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void check(JsonNode out, long openOpportunities) {
    List<String> tools = new ArrayList<>();
    out.get("tools").forEach(t -> tools.add(t.get("name").asText()));
    assertThat(tools).containsExactlyInAnyOrder("list_marts", "describe_mart", "query_marts");
    out.get("tools").forEach(t -> assertThat(t.get("inputSchema").get("type").asText()).isEqualTo("object"));

    JsonNode catalog = out.get("catalog").get("structured").get("marts");
    assertThat(catalog).hasSize(2);
    JsonNode aging = catalog.get(0);
    assertThat(aging.get("name").asText()).isEqualTo("sf_opportunity_aging");
    assertThat(aging.get("freshness").get("stale").asBoolean()).isFalse();
    assertThat(aging.get("freshness").get("inputs").get(0).get("last_loaded_at").isNull()).isFalse();
    assertThat(aging.get("columns").size()).isEqualTo(9);

    JsonNode describe = out.get("describe").get("structured");
    assertThat(describe.get("sample_rows")).hasSize(3);
    assertThat(describe.get("sample_rows").get(0).get("owner_name").asText()).as("declared PII").isEqualTo("***");

    JsonNode rows = out.get("query").get("structured").get("rows");
    long n = 0;
    for (JsonNode row : rows) {
      n += row.get("n").asLong();
      assertThat(row.get("amount").isNumber()).as("money comes back as a JSON number").isTrue();
    }
    assertThat(n).isEqualTo(openOpportunities);
    assertThat(rows.size()).as("the demo's aging shows more than one bucket").isGreaterThan(1);

    JsonNode refused = out.get("refused");
    assertRefused(refused, "drop", "read-only");
    assertRefused(refused, "insert", "read-only");
    assertRefused(refused, "copy_to", "file and network access");
    assertRefused(refused, "attach", "file and network access");
    assertRefused(refused, "raw_table", "only the tables of the marts schema are reachable");
    assertRefused(refused, "system_table", "only the tables of the marts schema are reachable");
    assertRefused(refused, "two_statements", "several statements");
    assertRefused(refused, "over_limit", "row limit 5000 is over the maximum of 1000");
  }

  private static void assertRefused(JsonNode refused, String what, String reason) {
    assertThat(refused.get(what).get("isError").asBoolean()).as(what).isTrue();
    assertThat(refused.get(what).get("text").asText()).as(what).startsWith("refused: ").contains(reason);
  }

  /** Every tool call of both clients is in the job repository once a process has opened it (here: status). */
  private void assertAudited(Path state) throws SQLException {
    assertThat(new CliRunner(state).run("status").exitCode()).isEqualTo(0);
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + state.resolve("repository").toAbsolutePath(),
        "sa", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT tool, COUNT(*), SUM(rows_returned), MIN(caller), MAX(caller)"
            + " FROM tributary_query_audit GROUP BY tool ORDER BY tool")) {
      Map<String, Long> calls = new java.util.TreeMap<>();
      while (rs.next()) {
        calls.put(rs.getString(1), rs.getLong(2));
        assertThat(rs.getString(4)).contains("tributary-it-ts-client/1.0.0");
        assertThat(rs.getString(4) + rs.getString(5)).contains("mcp/stdio").contains("mcp/http");
      }
      // per transport: list_marts 1, describe_mart 1, query_marts 1 + 8 refused
      assertThat(calls).isEqualTo(Map.of("describe_mart", 2L, "list_marts", 2L, "query_marts", 18L));
    }
  }

  private long openOpportunitiesInRaw() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("demo.duckdb"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT is_closed, _tributary_deleted FROM raw.opportunities")) {
      long open = 0;
      while (rs.next()) {
        open += !rs.getBoolean(1) && !rs.getBoolean(2) ? 1 : 0;
      }
      return open;
    }
  }

  private Path demoJob() throws IOException {
    String yaml = Files.readString(Path.of("jobs/demo.yml"))
        .replace("path: warehouse/demo.duckdb", "path: " + dir.resolve("demo.duckdb").toAbsolutePath())
        .replace("objects: { Opportunity: 3000, Contact: 2000, User: 50 }",
            "objects: { Opportunity: 600, Contact: 100, User: 20 }")
        .replace("rows: 1000", "rows: 200");
    return Files.writeString(dir.resolve("mcp_it_demo.yml"), yaml);
  }

  private static JsonNode runClient(Path client, String mode, String target, String... scenario) throws Exception {
    List<String> command = new ArrayList<>(List.of("node", client.toString(), mode, target));
    command.addAll(List.of(scenario));
    Process p = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("node client (" + mode + "): " + out).isEqualTo(0);
    return JSON.readTree(out.substring(out.lastIndexOf("\n{") + 1));
  }

  /** The SDK from npm under target/, installed once; skips (with the reason) where node or npm is missing. */
  private static Path installClient() throws Exception {
    Assumptions.assumeTrue(onPath("node") && onPath("npm"),
        "node and npm are needed for the official TypeScript MCP client; install node 20 to run this test");
    Files.createDirectories(CLIENT_DIR);
    if (!Files.isDirectory(CLIENT_DIR.resolve("node_modules/@modelcontextprotocol/sdk"))) {
      Files.writeString(CLIENT_DIR.resolve("package.json"),
          "{\"name\":\"tributary-mcp-it-client\",\"private\":true,\"type\":\"module\"}");
      Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", SDK).directory(CLIENT_DIR.toFile())
          // not inheritIO(): npm would share the fork's stdin and set it non-blocking, and failsafe's command
          // reader then fails with "std/in stream corrupted" (Resource temporarily unavailable)
          .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      assertThat(npm.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(npm.exitValue()).as("npm install " + SDK).isEqualTo(0);
    }
    Path file = CLIENT_DIR.resolve("client.mjs");
    try (var in = McpServerIT.class.getResourceAsStream("/mcp/client.mjs")) {
      Files.write(file, in.readAllBytes());
    }
    return file;
  }

  private static boolean onPath(String command) {
    try {
      return new ProcessBuilder(command, "--version").start().waitFor(30, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
