package io.tributary.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers never block loads, across processes: {@code tributary mcp} (stdio, its own JVM) holds the demo's published
 * marts open and answers a query; {@code tributary run jobs/demo.yml} in another JVM then loads 100 more
 * opportunities and completes; the same MCP process, never restarted, answers the same query with the new total.
 */
@Tag("process")
@Tag("sandbox")
class ReaderDuringRunIT {

  private static final String TOTAL = "SELECT SUM(open_opportunities) AS n FROM marts.sf_opportunity_aging";

  @TempDir
  Path dir;

  @Test
  void aRunCompletesWhileAnMcpServerHoldsTheMartsAndTheServerThenSeesTheNewData() throws Exception {
    Path state = dir.resolve("state");
    TributaryProcess tributary = new TributaryProcess(state, Map.of());
    Path job = demoJob(600);
    assertThat(tributary.run(dir.resolve("run1.log"), 300, "run", job.toString())).as(log("run1.log")).isEqualTo(0);

    Process mcp = tributary.start(dir.resolve("mcp.log"), "mcp", job.toString());
    try (OutputStream in = mcp.getOutputStream()) {
      send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"reader-during-run-it\",\"version\":\"1\"}}}");
      answer(1);
      send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      long before = total(in, 2);
      assertThat(before).isEqualTo(openOpportunitiesInRaw()).isGreaterThan(300);
      assertThat(openFiles(mcp)).as("the MCP process holds the published snapshot open")
          .anyMatch(f -> f.endsWith("demo.read.duckdb"));

      demoJob(700);
      int second = tributary.run(dir.resolve("run2.log"), 300, "run", job.toString());
      assertThat(second).as(log("run2.log")).isEqualTo(0);
      assertThat(mcp.isAlive()).isTrue();

      long after = total(in, 3);
      System.out.println("ReaderDuringRunIT: open opportunities seen by the MCP process before the run " + before
          + ", after " + after);
      assertThat(after).isEqualTo(openOpportunitiesInRaw()).isGreaterThan(before);
    } finally {
      mcp.destroy();
      mcp.waitFor();
    }
  }

  private long total(OutputStream in, int id) throws Exception {
    send(in, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"query_marts\","
        + "\"arguments\":{\"sql\":\"" + TOTAL + "\"}}}");
    Matcher m = Pattern.compile("\"n\"\\s*:\\s*(\\d+)").matcher(answer(id));
    assertThat(m.find()).as(log("mcp.log")).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static void send(OutputStream in, String message) throws IOException {
    in.write((message + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** The server's JSON-RPC answer to request {@code id}, from its stdout (waits up to 120 s). */
  private String answer(int id) throws Exception {
    Pattern response = Pattern.compile("^\\{.*\"id\"\\s*:\\s*" + id + "[,}].*");
    for (int i = 0; i < 1200; i++) {
      try (Stream<String> lines = Files.lines(dir.resolve("mcp.log"))) {
        var line = lines.filter(l -> response.matcher(l).matches()).findFirst();
        if (line.isPresent()) {
          return line.get();
        }
      } catch (java.io.UncheckedIOException e) {
        // a line half written; read again
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no answer to request " + id + ": " + log("mcp.log"));
  }

  private static List<String> openFiles(Process p) throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(p.pid()), "fd"))) {
      return fds.map(fd -> {
        try {
          return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
          return "";
        }
      }).toList();
    }
  }

  private long openOpportunitiesInRaw() throws Exception {
    java.util.Properties readOnly = new java.util.Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("demo.duckdb"), readOnly);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT is_closed, _tributary_deleted FROM raw.opportunities")) {
      long open = 0;
      while (rs.next()) {
        open += !rs.getBoolean(1) && !rs.getBoolean(2) ? 1 : 0;
      }
      return open;
    }
  }

  /** jobs/demo.yml with the warehouse here and a smaller simulated org of {@code opportunities} opportunities. */
  private Path demoJob(int opportunities) throws IOException {
    String yaml = Files.readString(Path.of("jobs/demo.yml"))
        .replace("path: warehouse/demo.duckdb", "path: " + dir.resolve("demo.duckdb").toAbsolutePath())
        .replace("objects: { Opportunity: 3000, Contact: 2000, User: 50 }",
            "objects: { Opportunity: " + opportunities + ", Contact: 100, User: 20 }")
        .replace("rows: 1000", "rows: 200")
        .replace("marts: [sql/marts/salesforce]", "marts: [" + Path.of("sql/marts/salesforce").toAbsolutePath() + "]");
    return Files.writeString(dir.resolve("demo.yml"), yaml);
  }

  private String log(String name) {
    try {
      return Files.readString(dir.resolve(name));
    } catch (IOException e) {
      return "(no " + name + ")";
    }
  }
}
