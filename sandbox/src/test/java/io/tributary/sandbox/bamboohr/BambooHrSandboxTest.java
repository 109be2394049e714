package io.tributary.sandbox.bamboohr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxDataset;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The BambooHR simulator against the vendor's documented examples: the recorded "Get Changed Employee IDs" sample in
 * ../shared/fixtures/bamboohr (same shape, produced and accepted), the documented {@code since} forms, the custom
 * report request body, time-off windows, and the documented error statuses with {@code X-BambooHR-Error-Message}.
 * Expected rows are computed from the dataset's row states, not read back from the simulator's routes.
 */
@Tag("sandbox")
class BambooHrSandboxTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path FIXTURES = Path.of(System.getProperty("tributary.fixtures", "../shared/fixtures"),
      "bamboohr");
  private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}";

  private final HttpClient http = HttpClient.newHttpClient();
  private SandboxServer sandbox;
  private String root;

  @BeforeEach
  void start() {
    sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(BambooHrSandbox.platform()).withRows(60));
    root = BambooHrSandboxSettings.defaults().apiRoot(sandbox.baseUrl());
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void theChangedFeedHasTheShapeOfTheDocumentedSample() throws Exception {
    Path sample = FIXTURES.resolve("doc_employees_changed_since_response.json");
    assumeTrue(Files.exists(sample), FIXTURES + " is absent (a clone without ../shared): fixture conformance skipped");
    JsonNode recorded = JSON.readTree(Files.readString(sample, StandardCharsets.UTF_8));
    Instant at = SandboxDataset.DEFAULT_EPOCH.plusSeconds(3_600);
    sandbox.dataset().touch("employees", 3, 3, at);
    sandbox.dataset().delete("employees", 4, 4, at);
    sandbox.dataset().add("employees", 1, at.plusSeconds(1));

    JsonNode served = JSON.readTree(get("/employees/changed/?since=2011-06-01T00%3A00%3A00Z").body());

    assertThat(shape(served)).isEqualTo(shape(recorded));
    assertThat(served.path("employees").size()).isEqualTo(61);
    assertThat(actions(served)).containsOnly("Inserted", "Updated", "Deleted").contains("Inserted", "Deleted");
    assertThat(served.path("employees").path("5").path("action").asText()).isEqualTo("Deleted");
    assertThat(served.path("employees").path("61").path("action").asText()).isEqualTo("Inserted");
    assertThat(served.path("latest").asText()).isEqualTo("2024-01-01T01:00:01+00:00");
  }

  @Test
  void theRecordedSampleSatisfiesTheSameShapeRules() throws Exception {
    Path sample = FIXTURES.resolve("doc_employees_changed_since_response.json");
    assumeTrue(Files.exists(sample), FIXTURES + " is absent (a clone without ../shared): fixture conformance skipped");
    JsonNode recorded = JSON.readTree(Files.readString(sample, StandardCharsets.UTF_8));
    // What the simulator is checked against must itself hold for the vendor's sample: ids as keys, latest = max.
    recorded.path("employees").fields().forEachRemaining(e ->
        assertThat(e.getValue().path("id").asText()).isEqualTo(e.getKey()));
    assertThat(recorded.path("latest").asText()).isEqualTo(maxLastChanged(recorded));
    assertThat(actions(recorded)).containsExactlyInAnyOrder("Inserted", "Updated", "Deleted", "Inserted");
  }

  @Test
  void sinceTakesEveryDocumentedFormAndAnUnencodedPlusFails() throws Exception {
    Instant since = SandboxDataset.DEFAULT_EPOCH.plusSeconds(4);
    Set<String> expected = new TreeSet<>();
    sandbox.dataset().rows("employees").filter(s -> !s.modifiedAt().isBefore(since))
        .forEach(s -> expected.add(Long.toString(s.index() + 1)));
    assertThat(expected).isNotEmpty().hasSizeLessThan(60);
    for (String form : List.of("2024-01-01T00:00:04Z", "2024-01-01T00:00:04%2B00:00", "2024-01-01T01:00:04%2B0100",
        "2023-12-31T23:00:04-01:00", "2023-12-31T23:00:04-0100")) {
      JsonNode served = JSON.readTree(get("/employees/changed?since=" + form).body());
      assertThat(new TreeSet<>(ids(served))).as(form).isEqualTo(expected);
    }
    HttpResponse<String> plus = get("/employees/changed?since=2024-01-01T00:00:04+00:00");
    assertThat(plus.statusCode()).isEqualTo(400);
    assertThat(plus.headers().firstValue(BambooHrErrors.MESSAGE_HEADER)).get().asString().contains("%2B");
    assertThat(get("/employees/changed").statusCode()).isEqualTo(400);
    assertThat(get("/employees/changed?since=2024-01-01T00:00:04Z&type=moved").statusCode()).isEqualTo(400);
    JsonNode updatedOnly = JSON.readTree(get("/employees/changed?since=2024-01-01T00:00:04Z&type=updated").body());
    assertThat(actions(updatedOnly)).containsOnly("Updated");
  }

  @Test
  void theDirectoryListsActiveEmployeesAndTheCustomReportTheFieldsAsked() throws Exception {
    sandbox.dataset().delete("employees", 0, 1, SandboxDataset.DEFAULT_EPOCH.plusSeconds(100));
    BambooHrRecords records = new BambooHrRecords(sandbox.dataset());
    List<String> active = new ArrayList<>();
    sandbox.dataset().rows("employees").filter(s -> !s.deleted()).map(records::employee)
        .filter(e -> "Active".equals(e.get("status"))).forEach(e -> active.add((String) e.get("id")));

    JsonNode directory = JSON.readTree(get("/employees/directory").body());
    List<String> listed = new ArrayList<>();
    directory.path("employees").forEach(e -> listed.add(e.path("id").asText()));
    assertThat(listed).containsExactlyElementsOf(active);
    assertThat(directory.path("fields").get(0).path("id").asText()).isEqualTo("displayName");

    Instant after = SandboxDataset.DEFAULT_EPOCH.plusSeconds(5);
    String body = "{\"title\":\"Tributary\",\"filters\":{\"lastChanged\":{\"includeNull\":\"no\",\"value\":\""
        + after + "\"}},\"fields\":[\"firstName\",\"lastChanged\"]}";
    JsonNode report = JSON.readTree(post("/reports/custom?format=JSON&onlyCurrent=false", body).body());
    List<String> expected = new ArrayList<>();
    for (Iterator<RowState> it = sandbox.dataset().scan("employees", null, null, false); it.hasNext(); ) {
      RowState s = it.next();
      if (!s.modifiedAt().isBefore(after)) {
        Map<String, Object> e = records.employee(s);
        expected.add(e.get("id") + "|" + e.get("firstName") + "|" + e.get("lastChanged"));
      }
    }
    List<String> served = new ArrayList<>();
    report.path("employees").forEach(e -> {
      assertThat(e.size()).isEqualTo(3);
      served.add(e.path("id").asText() + "|" + e.path("firstName").asText() + "|" + e.path("lastChanged").asText());
    });
    assertThat(served).containsExactlyElementsOf(expected);
    assertThat(report.path("title").asText()).isEqualTo("Tributary");
    assertThat(report.path("fields").get(1).path("id").asText()).isEqualTo("lastChanged");
    assertThat(report.path("employees").get(0).path("lastChanged").asText()).matches(TIMESTAMP);

    HttpResponse<String> unknown = post("/reports/custom?format=JSON", "{\"fields\":[\"shoeSize\"]}");
    assertThat(unknown.statusCode()).isEqualTo(406);
    assertThat(unknown.headers().firstValue(BambooHrErrors.MESSAGE_HEADER)).get().asString().contains("shoeSize");
  }

  @Test
  void timeOffRequestsAreTheOnesOverlappingTheWindow() throws Exception {
    LocalDate from = LocalDate.parse("2024-01-10");
    LocalDate to = LocalDate.parse("2024-01-20");
    BambooHrRecords records = new BambooHrRecords(sandbox.dataset());
    List<String> expected = new ArrayList<>();
    sandbox.dataset().rows("time_off_requests").map(records::timeOff)
        .filter(t -> !LocalDate.parse((String) t.get("end")).isBefore(from)
            && !LocalDate.parse((String) t.get("start")).isAfter(to))
        .forEach(t -> expected.add((String) t.get("id")));
    assertThat(expected).isNotEmpty().hasSizeLessThan(60);

    JsonNode served = JSON.readTree(get("/time_off/requests/?start=2024-01-10&end=2024-01-20").body());
    assertThat(served.isArray()).isTrue();
    List<String> ids = new ArrayList<>();
    served.forEach(t -> ids.add(t.path("id").asText()));
    assertThat(ids).containsExactlyElementsOf(expected);
    JsonNode first = served.get(0);
    assertThat(first.path("status").path("status").asText()).isIn("approved", "requested", "denied");
    assertThat(first.path("amount").path("unit").asText()).isEqualTo("days");
    assertThat(first.path("dates").size()).isEqualTo(first.path("amount").path("amount").asInt());
    assertThat(get("/time_off/requests/?start=2024-01-10").statusCode()).isEqualTo(400);
  }

  @Test
  void credentialsAcceptHeaderAndCompanyAreChecked() throws Exception {
    HttpResponse<String> none = send(HttpRequest.newBuilder(URI.create(root + "/employees/directory"))
        .header("Accept", "application/json").GET());
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue(BambooHrErrors.MESSAGE_HEADER)).isPresent();
    assertThat(send(HttpRequest.newBuilder(URI.create(root + "/employees/directory"))
        .header("Authorization", basic("not-the-key:x")).header("Accept", "application/json").GET()).statusCode())
        .isEqualTo(401);
    // Any password goes with the key.
    assertThat(send(HttpRequest.newBuilder(URI.create(root + "/employees/directory"))
        .header("Authorization", basic(BambooHrSandboxSettings.API_KEY + ":anything"))
        .header("Accept", "application/json").GET()).statusCode()).isEqualTo(200);
    assertThat(send(HttpRequest.newBuilder(URI.create(root + "/employees/directory"))
        .header("Authorization", basic(BambooHrSandboxSettings.API_KEY + ":x")).GET()).statusCode()).isEqualTo(406);
    assertThat(send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/api/gateway.php/other/v1/employees/directory"))
        .header("Authorization", basic(BambooHrSandboxSettings.API_KEY + ":x")).header("Accept", "application/json")
        .GET()).statusCode()).isEqualTo(404);
  }

  @Test
  void aRateLimitedRequestGets429OrTheLegacy503WithRetryAfter() throws Exception {
    for (String status : List.of("429", "503")) {
      try (SandboxServer limited = SandboxServer.start(SandboxOptions.defaults()
          .withPlatform(BambooHrSandbox.platform()).withRows(5).withRateLimit(1)
          .withSetting("bamboohr.rate-limit-status", status))) {
        limited.clock().stop();
        String url = BambooHrSandboxSettings.defaults().apiRoot(limited.baseUrl()) + "/employees/directory";
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", basic(BambooHrSandboxSettings.API_KEY + ":x")).header("Accept", "application/json");
        assertThat(send(req.GET()).statusCode()).isEqualTo(200);
        HttpResponse<String> second = send(req.GET());
        assertThat(second.statusCode()).isEqualTo(Integer.parseInt(status));
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
        assertThat(second.headers().firstValue(BambooHrErrors.MESSAGE_HEADER)).get().asString()
            .contains("Rate limit");
      }
    }
  }

  /** Field names and JSON types of the feed, per level, plus the value forms; ids and counts left out. */
  private static Set<String> shape(JsonNode feed) {
    Set<String> out = new LinkedHashSet<>();
    feed.fieldNames().forEachRemaining(n -> out.add("top:" + n + ":" + feed.get(n).getNodeType()));
    feed.path("employees").fields().forEachRemaining(e -> {
      out.add("key=id:" + e.getKey().equals(e.getValue().path("id").asText()));
      e.getValue().fields().forEachRemaining(f -> out.add("entry:" + f.getKey() + ":" + f.getValue().getNodeType()));
      out.add("lastChanged:" + e.getValue().path("lastChanged").asText().matches(TIMESTAMP));
    });
    out.add("latest=max:" + feed.path("latest").asText().equals(maxLastChanged(feed)));
    return out;
  }

  private static String maxLastChanged(JsonNode feed) {
    List<String> stamps = new ArrayList<>();
    feed.path("employees").forEach(e -> stamps.add(e.path("lastChanged").asText()));
    return stamps.stream().max(String::compareTo).orElse(null);
  }

  private static List<String> actions(JsonNode feed) {
    List<String> out = new ArrayList<>();
    feed.path("employees").forEach(e -> out.add(e.path("action").asText()));
    return out;
  }

  private static List<String> ids(JsonNode feed) {
    List<String> out = new ArrayList<>();
    feed.path("employees").fieldNames().forEachRemaining(out::add);
    return out;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(authorized(path).GET());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return send(authorized(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpRequest.Builder authorized(String path) {
    return HttpRequest.newBuilder(URI.create(root + path))
        .header("Authorization", basic(BambooHrSandboxSettings.API_KEY + ":x")).header("Accept", "application/json");
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String pair) {
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }
}
