package io.tributary.source.marketo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.marketo.MarketoRecords;
import io.tributary.sandbox.marketo.MarketoSandbox;
import io.tributary.sandbox.marketo.MarketoSandboxSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The request fixtures of ../shared/fixtures/marketo, sent unchanged to the simulator, get answers of the recorded
 * and documented shapes: the documented create request (with columnHeaderNames), the recorded token request, the
 * documented Range requests, and the quoted 606 body once the simulator's 100 calls per 20 s are used.
 */
@Tag("sandbox")
class MarketoSimulatorFixturesIT {

  private final HttpClient http = HttpClient.newHttpClient();
  private SandboxServer sandbox;
  private String token;

  @BeforeEach
  void start() throws Exception {
    sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(MarketoSandbox.platform())
        .withRows(MarketoRecords.LEADS, 2_000).withRows(MarketoRecords.ACTIVITIES, 10));
    sandbox.clock().stop();
    JsonNode t = MarketoFixtures.JSON.readTree(get("/identity/oauth/token?grant_type=client_credentials&client_id="
        + MarketoSandboxSettings.CLIENT_ID + "&client_secret=" + MarketoSandboxSettings.CLIENT_SECRET, null).body());
    token = t.path("access_token").asText();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void theRecordedTokenRequestGetsAnAnswerOfTheRecordedShape() throws Exception {
    JsonNode recorded = MarketoFixtures.json("recorded_identity_oauth_token_client_credentials.json");
    StringBuilder query = new StringBuilder();
    recorded.path("request").path("query").fieldNames().forEachRemaining(k -> query.append(query.isEmpty() ? "?" : "&")
        .append(k).append('=').append(switch (k) {
          case "client_id" -> MarketoSandboxSettings.CLIENT_ID;
          case "client_secret" -> MarketoSandboxSettings.CLIENT_SECRET;
          default -> recorded.path("request").path("query").path(k).asText();
        }));
    HttpResponse<String> r = get(URI.create(recorded.path("request").path("url").asText()).getPath() + query, null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(fieldNames(MarketoFixtures.JSON.readTree(r.body())))
        .isEqualTo(fieldNames(recorded.path("response").path("body")));
  }

  @Test
  void theDocumentedCreateRequestIsAcceptedUnchanged() throws Exception {
    String body = MarketoFixtures.text("doc_bulk_lead_export_create_request.json");
    JsonNode created = json(post("/bulk/v1/leads/export/create.json", body));
    assertThat(created.path("success").asBoolean()).as(created.toString()).isTrue();
    JsonNode documented = MarketoFixtures.json("doc_bulk_lead_export_create_response.json").path("result").get(0);
    JsonNode job = created.path("result").get(0);
    assertThat(job.path("status").asText()).isEqualTo(documented.path("status").asText());
    String id = job.path("exportId").asText();
    assertThat(json(post("/bulk/v1/leads/export/" + id + "/enqueue.json", "")).path("result").get(0)
        .path("status").asText()).isEqualTo("Queued");
    JsonNode status;
    do {
      status = json(get("/bulk/v1/leads/export/" + id + "/status.json", token)).path("result").get(0);
    } while (!status.path("status").asText().equals("Completed"));
    assertThat(fieldNames(status)).as("the documented Completed answer's fields").isEqualTo(fieldNames(
        MarketoFixtures.json("doc_bulk_activity_export_status_completed.json").path("result").get(0)));
    HttpResponse<String> file = get("/bulk/v1/leads/export/" + id + "/file.json", token);
    assertThat(file.body()).as("columnHeaderNames name the columns; January 2017 has no leads")
        .isEqualTo("First Name,Last Name,Marketo Id,Email Address\n");
  }

  @Test
  void theDocumentedRangeRequestsGetPartialContent() throws Exception {
    String body = "{\"format\":\"CSV\",\"fields\":[\"id\",\"email\",\"updatedAt\"],\"filter\":{\"updatedAt\":"
        + "{\"startAt\":\"2024-01-01T00:00:00Z\",\"endAt\":\"2024-01-31T00:00:00Z\"}}}";
    String id = json(post("/bulk/v1/leads/export/create.json", body)).path("result").get(0).path("exportId").asText();
    post("/bulk/v1/leads/export/" + id + "/enqueue.json", "");
    long size;
    do {
      JsonNode s = json(get("/bulk/v1/leads/export/" + id + "/status.json", token)).path("result").get(0);
      size = s.path("fileSize").asLong(-1);
    } while (size < 0);
    assertThat(size).as("a file larger than the documented ranges").isGreaterThan(10_000);
    String doc = MarketoFixtures.text("doc_bulk_extract_file_range_headers.txt");
    List<String> ranges = new ArrayList<>();
    doc.lines().filter(l -> l.startsWith("Range: ")).forEach(l -> ranges.add(l.substring(7)));
    assertThat(ranges).containsExactly("bytes=0-9999", "bytes=725-999");
    HttpResponse<String> first = rangeGet("/bulk/v1/leads/export/" + id + "/file.json", ranges.get(0));
    assertThat(first.statusCode()).isEqualTo(206);
    assertThat(first.headers().firstValue("Content-Range")).contains("bytes 0-9999/" + size);
    assertThat(first.headers().firstValue("Accept-Ranges")).contains("bytes");
    assertThat(first.headers().firstValue("Content-Length")).contains("10000");
    HttpResponse<String> resume = rangeGet("/bulk/v1/leads/export/" + id + "/file.json", ranges.get(1));
    assertThat(resume.headers().firstValue("Content-Range")).contains("bytes 725-999/" + size);
    assertThat(resume.body()).isEqualTo(first.body().substring(725, 1000));
  }

  @Test
  void theHundredAndFirstCallInTwentySecondsGetsTheQuoted606Body() throws Exception {
    JsonNode last = null;
    for (int i = 0; i < 101; i++) {
      last = json(get("/bulk/v1/leads/export.json", token));
    }
    JsonNode quoted = MarketoFixtures.json("error_606_rate_limit_body_quoted.json");
    assertThat(last.path("success").asBoolean()).isFalse();
    assertThat(last.path("errors")).isEqualTo(quoted.path("errors"));
    assertThat(fieldNames(last)).isEqualTo(fieldNames(quoted));
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    out.sort(null);
    return out;
  }

  private JsonNode json(HttpResponse<String> r) throws IOException {
    assertThat(r.statusCode()).isEqualTo(200);
    return MarketoFixtures.JSON.readTree(r.body());
  }

  private HttpResponse<String> get(String pathAndQuery, String bearer) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathAndQuery)).GET();
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> rangeGet(String path, String range) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).header("Range", range)
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
