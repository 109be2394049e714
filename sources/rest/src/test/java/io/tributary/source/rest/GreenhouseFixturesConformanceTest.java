package io.tributary.source.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.config.StreamConfig;
import io.tributary.core.JobContext;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamSchema;
import io.tributary.http.Classification;
import io.tributary.http.ErrorClass;
import io.tributary.mapping.MappedItem;
import io.tributary.mapping.RecordMapper;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.greenhouse.GreenhouseSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The vendor's recorded examples in ../shared/fixtures/greenhouse go through the shipped definition (records,
 * schema, Link header, Basic auth header, error rules), and the simulator's objects carry every field of the
 * documented candidate. Expected values are read off the files by hand. Skipped when the folder is absent (a clone of
 * this repository alone has no ../shared); {@code -Dtributary.fixtures=<dir>} points elsewhere.
 */
@Tag("unit")
class GreenhouseFixturesConformanceTest {

  private static final Path DIR = Path.of(System.getProperty("tributary.fixtures", "../shared/fixtures"),
      "greenhouse");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RestDefinition DEF = DefinitionLoader.loadShipped("greenhouse.yml");

  private static Path shared(String name) {
    assumeTrue(Files.isDirectory(DIR), DIR + " is absent: the shared Greenhouse fixtures are not checked");
    return DIR.resolve(name);
  }

  private static List<SourceRecord> candidates(String body) throws IOException {
    return new RecordSelector("candidates", DEF.streams().get("candidates").records(), null, JSON, null)
        .records(JSON.readTree(body));
  }

  @Test
  void theDocumentedCandidateListMapsWithoutQuarantine() throws IOException {
    List<SourceRecord> records = candidates(Files.readString(shared("doc_harvest_list_candidates_response.json")));
    assertThat(records).hasSize(1);
    SourceRecord john = records.get(0);
    assertThat(john.fields()).containsEntry("id", 53883394).containsEntry("updated_at", "2017-09-28T12:29:30.497Z");
    StreamSchema schema = RecordSchema.declared("candidates", DEF.streams().get("candidates").schema().fields(),
        List.of("id"));
    StreamConfig stream = GreenhouseTestSources.stream("candidates", "updated_at", null);
    MappedItem item = RecordMapper.compile(stream, schema, JSON).map(john, null);
    assertThat(item.isQuarantined()).as("quarantined: %s", item.quarantined()).isFalse();
    assertThat(RecordSelector.valueAt(john.fields(), "updated_at")).isEqualTo("2017-09-28T12:29:30.497Z");
  }

  @Test
  void theDocumentedLinkHeaderGivesTheNextPage() throws IOException {
    List<String> lines = Files.readAllLines(shared("doc_harvest_pagination_link_header.txt"));
    StringBuilder value = new StringBuilder();
    boolean in = false;
    for (String line : lines) {
      if (line.startsWith("Link: ")) {
        in = true;
        value.append(line.substring("Link: ".length()));
      } else if (in && line.startsWith("<")) {
        value.append(' ').append(line);
      } else {
        in = false;
      }
    }
    HttpHeaders headers = HttpHeaders.of(Map.of("Link", List.of(value.toString())), (a, b) -> true);
    assertThat(LinkHeader.target(headers, "next")).isEqualTo("https://harvest.greenhouse.io/v1/candidates?page=2&per_page=2");
    assertThat(LinkHeader.target(headers, "last")).isEqualTo("https://harvest.greenhouse.io/v1/candidates?page=474&per_page=2");
  }

  @Test
  void theDefinitionsBasicAuthIsTheDocumentedHeader() throws IOException {
    String doc = Files.readString(shared("doc_harvest_rate_limit_headers.txt"));
    assertThat(doc).contains("Authorization: Basic YTcxODNlMWI3ZTlhYjA5YjhhNWNmYTg3ZDE5MzRjM2M6");
    Path key = Files.createTempFile("gh", "key");
    Files.writeString(key, "a7183e1b7e9ab09b8a5cfa87d1934c3c");
    JobValues values = JobValues.bind(DEF, Map.of("api_key", "${file:" + key + "}"), "job.yml");
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://harvest.greenhouse.io/v1/candidates"));
    RestAuth.of(DEF, values, new JobContext("j", key, key.getParent())).apply(b, "GET", URI.create("https://x"),
        Map.of());
    assertThat(b.build().headers().firstValue("Authorization"))
        .contains("Basic YTcxODNlMWI3ZTlhYjA5YjhhNWNmYTg3ZDE5MzRjM2M6");
    Files.delete(key);
  }

  @Test
  void theDocumentedValidationErrorIsAConfigErrorWithItsMessage() throws IOException {
    String body = Files.readString(shared("doc_harvest_error_422_validation.json"));
    Classification c = new RestErrors(DEF, DEF.auth().get(0), Clock.systemUTC()).classify(422,
        HttpHeaders.of(Map.of(), (a, b) -> true), body);
    assertThat(c.errorClass()).isEqualTo(ErrorClass.CONFIG);
    assertThat(c.vendorMessage()).contains("Validation error");
    assertThat(c.hint()).contains("query");
  }

  @Test
  void theSimulatorsCandidatesCarryEveryDocumentedField() throws Exception {
    JsonNode documented = JSON.readTree(shared("doc_harvest_list_candidates_response.json").toFile()).get(0);
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults()
        .withPlatform(GreenhouseSandbox.platform()).withRows(3))) {
      HttpRequest req = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/v1/candidates"))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((GreenhouseSandbox.API_KEY + ":")
              .getBytes()))
          .build();
      String body = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()).body();
      JsonNode simulated = JSON.readTree(body).get(0);
      assertThat(names(simulated)).containsAll(names(documented));
      assertThat(simulated.get("updated_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }
  }

  private static Set<String> names(JsonNode n) {
    Set<String> out = new HashSet<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
