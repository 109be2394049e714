package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo run (jobs/demo.yml: the Salesforce simulator into DuckDB, then the marts) watched from outside, through
 * one loopback receiver standing in for an OpenLineage endpoint (Marquez's {@code POST /api/v1/lineage}), a
 * Pushgateway and a Slack webhook. Every lineage event is validated against the OpenLineage JSON schema
 * (src/test/resources/openlineage/OpenLineage.json: the spec file spec/OpenLineage.json of
 * https://github.com/OpenLineage/OpenLineage at commit 0254c4d2fe409264c68a7eb8b1ae63191816c89d, JSON Schema
 * draft 2020-12, published under https://openlineage.io/spec/), and the datasets it names are compared with the job
 * file and with the rows counted in the DuckDB file. The demo's data ends on 2024-01-01, so with a lag SLA of one day
 * every stream is late and alerts.
 */
@Tag("sandbox")
class DemoLineageAndAlertsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> OBJECTS = Map.of("opportunities", "Opportunity", "accounts", "Account",
      "users", "User", "contacts", "Contact");

  @TempDir
  Path dir;

  private HttpServer receiver;
  private final List<JsonNode> lineage = new CopyOnWriteArrayList<>();
  private final List<String> pushed = new CopyOnWriteArrayList<>();
  private final List<JsonNode> slack = new CopyOnWriteArrayList<>();

  @BeforeEach
  void receive() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/api/v1/lineage", e -> {
      lineage.add(JSON.readTree(e.getRequestBody()));
      e.sendResponseHeaders(201, -1);
      e.close();
    });
    receiver.createContext("/metrics/job/tributary/instance/", e -> {
      pushed.add(new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      e.sendResponseHeaders(200, -1);
      e.close();
    });
    receiver.createContext("/slack", e -> {
      slack.add(JSON.readTree(e.getRequestBody()));
      e.sendResponseHeaders(200, -1);
      e.close();
    });
    receiver.start();
    String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
    System.setProperty("tributary.lineage.url", base);
    System.setProperty("tributary.metrics.pushgateway", base);
    System.setProperty("tributary.alerts.webhook", base + "/slack");
    System.setProperty("tributary.alerts.lag-sla", "1d");
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
    for (String p : List.of("tributary.lineage.url", "tributary.metrics.pushgateway", "tributary.alerts.webhook",
        "tributary.alerts.lag-sla")) {
      System.clearProperty(p);
    }
  }

  @Test
  void aFailedThenResumedDemoRunSendsValidEventsNamingItsDatasetsMetersAndLagAlerts() throws Exception {
    Path job = demoJob();
    CliRunner cli = new CliRunner(dir.resolve("state"));

    CliRunner.Result failed = cli.run("run", job.toString(), "--fail-after-chunks", "1");
    assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
    CliRunner.Result resumed = cli.run("run", job.toString());
    assertThat(resumed.exitCode()).as(resumed.output()).isEqualTo(0);
    assertThat(resumed.output()).doesNotContain("warning:");

    Schema schema;
    try (InputStream in = getClass().getResourceAsStream("/openlineage/OpenLineage.json")) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }
    for (JsonNode event : lineage) {
      assertThat(schema.validate(event.toString(), InputFormat.JSON,
          ctx -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true)))).as(event.toPrettyString()).isEmpty();
    }
    List<String> types = lineage.stream().map(e -> e.path("eventType").asText()).toList();
    assertThat(types).containsExactly("START", "FAIL", "START", "COMPLETE");
    assertThat(lineage.get(0).path("run").path("runId")).isEqualTo(lineage.get(1).path("run").path("runId"));
    assertThat(lineage.get(2).path("run").path("runId")).isEqualTo(lineage.get(3).path("run").path("runId"));
    assertThat(lineage.get(1).path("run").path("facets").path("errorMessage").path("message").asText())
        .contains("FAILED (exit 1)");
    assertThat(lineage).allSatisfy(e -> assertThat(e.path("job").path("name").asText()).isEqualTo("demo"));

    JsonNode complete = lineage.get(3);
    List<String> inputs = new ArrayList<>();
    complete.path("inputs").forEach(i -> inputs.add(i.path("namespace").asText() + " " + i.path("name").asText()));
    assertThat(inputs).containsExactlyInAnyOrder("salesforce://sandbox Opportunity", "salesforce://sandbox Account",
        "salesforce://sandbox User", "salesforce://sandbox Contact");
    Map<String, JsonNode> outputs = new TreeMap<>();
    complete.path("outputs").forEach(o -> outputs.put(o.path("name").asText(), o));
    assertThat(outputs.keySet()).containsExactly("marts.sf_opportunity_aging", "marts.sf_pipeline_by_stage_owner",
        "raw.accounts", "raw.contacts", "raw.opportunities", "raw.users");
    String warehouse = "duckdb://" + dir.resolve("demo.duckdb").toAbsolutePath();
    assertThat(outputs.values()).allSatisfy(o -> assertThat(o.path("namespace").asText()).isEqualTo(warehouse));

    Map<String, Long> rows = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("demo.duckdb"))) {
      for (String table : OBJECTS.keySet()) {
        rows.put(table, scalar(c, "SELECT count(*) FROM raw." + table));
      }
    }
    // each run's end event counts the rows it wrote; a restart resumes after the last committed chunk, so the two
    // counts add up to the rows in the warehouse
    Map<String, JsonNode> failedOutputs = new TreeMap<>();
    lineage.get(1).path("outputs").forEach(o -> failedOutputs.put(o.path("name").asText(), o));
    for (String table : OBJECTS.keySet()) {
      assertThat(written(failedOutputs.get("raw." + table)) + written(outputs.get("raw." + table))).as(table)
          .isEqualTo(rows.get(table));
    }
    JsonNode columns = outputs.get("marts.sf_pipeline_by_stage_owner").path("facets").path("columnLineage")
        .path("fields");
    List<String> ownerName = new ArrayList<>();
    columns.path("owner_name").path("inputFields").forEach(f -> ownerName.add(f.path("name").asText() + "."
        + f.path("field").asText()));
    assertThat(ownerName).containsExactly("raw.users.name", "raw.opportunities.owner_name");
    assertThat(outputs.get("marts.sf_opportunity_aging").path("facets").has("columnLineage")).isFalse();

    assertThat(pushed).hasSize(2);
    String last = pushed.get(1);
    assertThat(last)
        .contains("tributary_run_exit_code{tributary_job=\"demo\"} 0.0")
        .contains("tributary_http_calls_total{platform=\"salesforce\",status=\"200\"}")
        .contains("tributary_chunks_committed{stream=\"opportunities\",tributary_job=\"demo\"}")
        .contains("tributary_stream_lag_seconds{stream=\"opportunities\",tributary_job=\"demo\"}");

    List<String> texts = slack.stream().map(s -> s.path("text").asText()).toList();
    assertThat(texts).hasSize(2);
    assertThat(texts.get(0)).contains(":red_circle: job *demo* FAILED (exit 1)");
    for (String stream : OBJECTS.keySet()) {
      assertThat(texts.get(1)).contains(":hourglass: job *demo* stream *" + stream + "* lags");
    }
    assertThat(texts.get(1)).contains("over its SLA of 24h");
  }

  private Path demoJob() throws Exception {
    String yaml = Files.readString(Path.of("jobs/demo.yml"))
        .replace("path: warehouse/demo.duckdb", "path: " + dir.resolve("demo.duckdb").toAbsolutePath());
    assertThat(yaml).contains("marts: [sql/marts/salesforce]");
    return Files.writeString(dir.resolve("demo.yml"), yaml);
  }

  private static long written(JsonNode output) {
    return output.path("outputFacets").path("outputStatistics").path("rowCount").asLong();
  }

  private static long scalar(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
