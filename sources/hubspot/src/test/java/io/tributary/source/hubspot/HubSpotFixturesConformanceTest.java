package io.tributary.source.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.auth.TokenResponse;
import io.tributary.core.ColumnType;
import io.tributary.http.Classification;
import io.tributary.http.ErrorClass;
import io.tributary.http.QuotaMonitor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every HubSpot file in ../shared/fixtures/hubspot goes through the parser, classifier or quota reader that handles
 * its kind, with expected values read off the files by hand; plus this repo's own fixtures in the same formats.
 */
@Tag("unit")
class HubSpotFixturesConformanceTest {

  private static final Path DIR = Path.of("..", "shared", "fixtures", "hubspot");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path shared(String name) {
    assumeTrue(Files.isDirectory(DIR), "../shared/fixtures/hubspot is absent: shared fixtures not checked");
    return DIR.resolve(name);
  }

  private static HubSpotPage page(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return HubSpotPage.parse(JSON, in);
    }
  }

  /** The {@code response} of a recorded exchange: its body as a page, its headers as HttpHeaders. */
  private static JsonNode recorded(String name) throws IOException {
    return JSON.readTree(shared(name).toFile()).path("response");
  }

  private static HubSpotPage body(JsonNode response) throws IOException {
    return HubSpotPage.parse(JSON, new ByteArrayInputStream(JSON.writeValueAsBytes(response.path("body"))));
  }

  private static HttpHeaders headers(JsonNode response) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    response.path("headers").fields().forEachRemaining(e -> m.put(e.getKey(), List.of(e.getValue().asText())));
    return HttpHeaders.of(m, (a, b) -> true);
  }

  private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (a, b) -> true);

  @Test
  void everySharedFileIsCovered() throws IOException {
    assumeTrue(Files.isDirectory(DIR), "../shared/fixtures/hubspot is absent");
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(DIR)) {
      files.forEach(f -> names.add(f.getFileName().toString()));
    }
    String self = Files.readString(Path.of("sources/hubspot/src/test/java/io/tributary/source/hubspot/"
        + "HubSpotFixturesConformanceTest.java"));
    assertThat(names).isNotEmpty().allSatisfy(n -> assertThat(self).as("a test reads " + n).contains("\"" + n + "\""));
  }

  @Test
  void searchResponsesFromTheGuide() throws IOException {
    HubSpotPage p = page(shared("doc_search_response_companies_total38_paging_next_after.json"));
    assertThat(p.total()).isEqualTo(38);
    assertThat(p.after()).isEqualTo("10");
    assertThat(p.records()).hasSize(10);
    assertThat(p.records().get(0)).containsEntry("id", "2810868468").containsEntry("name", "Google")
        .containsEntry("hs_lastmodifieddate", "2024-09-13T20:23:03.333Z").containsEntry("archived", false);
    HubSpotPage last = page(shared("doc_search_response_contacts_total2_last_page.json"));
    assertThat(last.after()).isNull();
    assertThat(last.total()).isEqualTo(2);
    assertThat(last.records().get(1)).containsEntry("email", "emailmaria@hubspot.com")
        .containsEntry("lastmodifieddate", "2024-10-21T21:36:02.961Z");
  }

  @Test
  void recordedSearchAndBatchResponses() throws IOException {
    JsonNode search = recorded("recorded_search_companies_200.json");
    HubSpotPage p = body(search);
    assertThat(p.total()).isEqualTo(5);
    assertThat(p.records()).hasSize(5);
    assertThat(p.records().get(0)).containsEntry("id", "7945036964").containsEntry("facebookfans", null)
        .containsEntry("domain", "user47.demo.com");
    assertThat(body(recorded("recorded_search_companies_200_empty.json")).records()).isEmpty();
    JsonNode created = recorded("recorded_batch_create_201_with_ratelimit_headers.json");
    assertThat(body(created).records().get(0)).containsEntry("id", "7945143592").containsEntry("website",
        "grouparoo.demo.com");
    QuotaMonitor.Usage u = new HubSpotDailyLimit().usage(headers(created)).orElseThrow();
    assertThat(u.max()).isEqualTo(250_000);
    assertThat(u.used()).isEqualTo(250_000 - 248_705);
    assertThat(body(recorded("recorded_batch_update_200.json")).records().get(0))
        .containsEntry("facebookfans", "3039").containsEntry("hs_lastmodifieddate", "2022-02-17T19:13:42.588Z");
  }

  @Test
  void rateLimitBodiesAreTransientWithTheirWindow() throws IOException {
    JsonNode r = recorded("recorded_search_429_secondly_limit.json");
    Classification c = new HubSpotErrors().classify(429, headers(r), JSON.writeValueAsString(r.path("body")));
    assertThat(c.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
    assertThat(c.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.vendorMessage()).contains("You have reached your secondly limit.");
    assertThat(new HubSpotDailyLimit().usage(headers(r)).orElseThrow().used()).isEqualTo(250_000 - 248_684);
    Classification burst = new HubSpotErrors().classify(429, NONE,
        Files.readString(shared("doc_error_429_rate_limit_widely_quoted.json")));
    assertThat(burst.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
    assertThat(burst.retryAfter()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void openApiExamples() throws IOException {
    JsonNode spec = JSON.readTree(shared("openapi_crm_objects_v3_examples_and_schemas.json").toFile());
    Map<String, Object> o = HubSpotPage.flatten(spec.path("SimplePublicObject"));
    assertThat(o).containsEntry("id", "512").containsEntry("property_number", "17")
        .containsEntry("property_multiple_checkboxes", "chocolate;strawberry")
        .containsEntry("updatedAt", "2019-12-07T16:50:06.678Z");
    String after = spec.path("NextPage").path("after").asText();
    // The token is percent-encoded inside the JSON; decoded once it is base64 of "525\n".
    String decoded = URLDecoder.decode(after, StandardCharsets.UTF_8);
    assertThat(new String(Base64.getDecoder().decode(decoded), StandardCharsets.UTF_8)).isEqualTo("525\n");
    Classification bad = new HubSpotErrors().classify(400, NONE, spec.path("Error").toString());
    assertThat(bad.errorClass()).isEqualTo(ErrorClass.CONFIG);
    assertThat(bad.vendorMessage()).contains("Invalid input");
    JsonNode oauth = JSON.readTree(shared("openapi_oauth_token_response_schemas.json").toFile());
    assertThat(oauth.path("AccessTokenResponse").path("required").toString()).contains("expires_in", "refresh_token");
    assertThat(new HubSpotErrors().classify(401, NONE, oauth.path("Error").path("example").toString()).errorClass())
        .isEqualTo(ErrorClass.AUTH_EXPIRED);
  }

  @Test
  void propertiesInBothShapes() throws IOException {
    JsonNode spec = JSON.readTree(shared("openapi_properties_v3_property_example_and_schema.json").toFile());
    String envelope = "{\"results\":[" + spec.path("Property_example") + "]}";
    List<HubSpotProperties.Property> props = HubSpotProperties.parse(JSON,
        new ByteArrayInputStream(envelope.getBytes(StandardCharsets.UTF_8)));
    assertThat(props).containsExactly(new HubSpotProperties.Property("my_contact_property", "enumeration", false));
    assertThat(props.get(0).column().type()).isEqualTo(ColumnType.STRING);
    try (InputStream in = Files.newInputStream(shared("airbyte_unit_test_properties_response.json"))) {
      List<HubSpotProperties.Property> bare = HubSpotProperties.parse(JSON, in);
      assertThat(bare).containsExactly(new HubSpotProperties.Property("closed_date", "datetime", true));
      assertThat(bare.get(0).column().type()).isEqualTo(ColumnType.TIMESTAMP);
    }
    HubSpotPage list = page(shared("airbyte_unit_test_contacts_list_response.json"));
    assertThat(list.after()).isNull();
    assertThat(list.records().get(0)).containsEntry("id", "312929580")
        .containsEntry("closed_date", "2021-02-23T20:08:49.603000+00:00");
  }

  @Test
  void oauthAndSearchRequestsMatchWhatWeSend() throws IOException {
    TokenResponse token = TokenResponse.parse("hubspot", Files.readString(shared("doc_oauth_token_response.json")));
    assertThat(token.expiresIn()).contains(Duration.ofSeconds(1800));
    assertThat(token.refreshToken()).contains("1e8fbfb1-8e96-4826-8b8d-c8af73715");
    assertThat(Files.readString(shared("doc_oauth_refresh_request.txt")))
        .contains("grant_type=refresh_token&client_id=").contains("/oauth/v1/token");
    JsonNode between = JSON.readTree(shared("doc_search_request_tasks_hs_lastmodifieddate_between.json").toFile());
    JsonNode f = between.path("filterGroups").get(0).path("filters").get(0);
    JsonNode ours = JSON.readTree(HubSpotSearchBody.build(JSON, "hs_lastmodifieddate",
        HubSpotSearchWindow.start(1579514400000L, 1642672800000L), List.of("name")));
    JsonNode of = ours.path("filterGroups").get(0).path("filters").get(0);
    assertThat(of.path("propertyName").asText()).isEqualTo(f.path("propertyName").asText());
    assertThat(of.path("value").asText()).isEqualTo(f.path("value").asText());
    assertThat(of.path("value").isTextual()).isEqualTo(f.path("value").isTextual());
    JsonNode sort = JSON.readTree(shared("doc_search_request_sort_createdate_desc.json").toFile());
    assertThat(ours.path("sorts").get(0).fieldNames()).toIterable()
        .containsExactlyElementsOf(() -> sort.path("sorts").get(0).fieldNames());
    assertThat(JSON.readTree(shared("doc_search_request_next_page_after.json").toFile()).path("after").isTextual())
        .isTrue();
    assertThat(JSON.readTree(shared("doc_search_request_companies_annualrevenue_gt_with_properties.json").toFile())
        .path("properties").isArray()).isTrue();
    assertThat(JSON.readTree(shared("doc_search_request_contacts_email_contains_token.json").toFile())
        .path("filterGroups").get(0).path("filters").get(0).path("operator").asText()).isEqualTo("CONTAINS_TOKEN");
    String limits = Files.readString(shared("doc_search_limits.txt"));
    assertThat(limits).contains("exceeds 3,000 characters").contains("maximum number of supported objects per page is"
        + " 200").contains("limited to 10,000 total results");
    assertThat(HubSpotSearchBody.MAX_CHARS).isEqualTo(3_000);
    assertThat(HubSpotSearchBody.PAGE).isEqualTo(200);
  }

  @Test
  void ownFixturesInTheSameFormat() throws IOException {
    HubSpotPage live = page(Path.of("sources/hubspot/src/test/resources/source/hubspot/list_contacts_page.json"));
    assertThat(live.after()).isEqualTo("OTM4Cg%3D%3D");
    assertThat(live.records().get(0)).containsEntry("firstname", "Chloé").containsEntry("hubspotscore", null);
    HubSpotPage archived = page(Path.of("sources/hubspot/src/test/resources/source/hubspot/list_archived_last_page.json"));
    assertThat(archived.after()).isNull();
    assertThat(archived.records().get(0)).containsEntry("archived", true)
        .containsEntry("archivedAt", "2025-02-01T10:00:00.250Z");
  }

  /** Owners pages shaped like the Owners guide's examples (live with teams, none, and a deactivated owner). */
  @Test
  void ownersPagesInTheGuidesShape() throws IOException {
    HubSpotPage live;
    try (InputStream in = Files.newInputStream(Path.of("sources/hubspot/src/test/resources/source/hubspot/owners_page.json"))) {
      live = HubSpotPage.parse(JSON, in, HubSpotOwnerRecords::flatten);
    }
    assertThat(live.after()).isEqualTo("NTI2MTcwNTQK");
    assertThat(live.total()).as("the Owners API reports no total").isEqualTo(-1);
    assertThat(live.records().get(0)).containsEntry("id", "52617001").containsEntry("userId", "7311001")
        .containsEntry("archived", false).containsEntry("updatedAt", "2024-06-01T10:00:00.500Z");
    JsonNode teams = JSON.readTree((String) live.records().get(0).get("teams"));
    assertThat(teams.get(1).path("name").asText()).isEqualTo("Renewals");
    assertThat(live.records().get(1)).containsEntry("teams", null);
    HubSpotPage archived;
    try (InputStream in = Files.newInputStream(Path.of("sources/hubspot/src/test/resources/source/hubspot/"
        + "owners_archived_page.json"))) {
      archived = HubSpotPage.parse(JSON, in, HubSpotOwnerRecords::flatten);
    }
    assertThat(archived.after()).isNull();
    assertThat(archived.records().get(0)).containsEntry("userId", null)
        .containsEntry("userIdIncludingInactive", "7311035").containsEntry("archived", true);
    assertThat(HubSpotOwnerRecords.columns()).extracting(c -> c.name()).containsExactlyElementsOf(
        archived.records().get(0).keySet());
  }

  /** A v4 association batch read in the spec's shape: one row per type, per-record paging, either toObjectId type. */
  @Test
  void associationBatchReadInTheSpecsShape() throws IOException {
    HubSpotLinkRecords links;
    try (InputStream in = Files.newInputStream(Path.of("sources/hubspot/src/test/resources/source/hubspot/"
        + "associations_v4_batch_read.json"))) {
      links = HubSpotLinkRecords.parse(JSON, in);
    }
    assertThat(links.rows()).extracting(r -> r.get("from_id") + ">" + r.get("to_id") + ":" + r.get("type_id") + ":"
        + r.get("category") + ":" + r.get("label")).containsExactly(
            "7003>5042:5:HUBSPOT_DEFINED:Primary", "7003>5042:341:HUBSPOT_DEFINED:null",
            "7003>5083:341:HUBSPOT_DEFINED:null", "7046>5124:1001:USER_DEFINED:Decision maker");
    assertThat(links.more()).containsExactly(Map.entry("7003", "bGlua3M6Mg=="));
  }
}
