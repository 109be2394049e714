package io.tributary.source.dynamics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.dynamics.DynamicsSandbox;
import io.tributary.sandbox.dynamics.DynamicsSandboxSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The simulator answers in the wire format of the shared fixtures: headers, envelopes, links, error bodies. */
@Tag("sandbox")
class DynamicsSandboxWireFormatIT {

  private static final Path DIR = Path.of("..", "shared", "fixtures", "dynamics365");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static String token(SandboxServer sb) throws Exception {
    String form = "grant_type=client_credentials&client_id=" + DynamicsSandboxSettings.CLIENT_ID + "&client_secret="
        + DynamicsSandboxSettings.CLIENT_SECRET + "&scope=" + URLEncoder.encode(sb.baseUrl() + "/.default",
        StandardCharsets.UTF_8);
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sb.baseUrl()
        + DynamicsSandboxSettings.tokenPath())).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode t = JSON.readTree(r.body());
    assertThat(t.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(t.path("expires_in").asInt()).isPositive();
    return t.path("access_token").asText();
  }

  private static HttpResponse<String> get(String url, String token, String prefer) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
        .header("OData-Version", "4.0").timeout(Duration.ofSeconds(10));
    if (prefer != null) {
      b.header("Prefer", prefer);
    }
    return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static SandboxServer start(long rows, String faults) {
    return SandboxServer.start(SandboxOptions.defaults().withPlatform(DynamicsSandbox.platform())
        .withRows("account", rows).withRows(1).withFaults(faults));
  }

  @Test
  void pagingMatchesTheMaxPageSizeFixture() throws Exception {
    try (SandboxServer sb = start(10, "none")) {
      HttpResponse<String> r = get(sb.baseUrl() + "/api/data/v9.2/accounts?$select=name", token(sb),
          "odata.maxpagesize=3");
      assertThat(r.headers().firstValue("OData-Version")).hasValue("4.0");
      assertThat(r.headers().firstValue("Preference-Applied")).hasValue("odata.maxpagesize=3");
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; odata.metadata=minimal");
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.path("@odata.context").asText()).isEqualTo(sb.baseUrl()
          + "/api/data/v9.2/$metadata#accounts(name)");
      assertThat(body.path("value")).hasSize(3);
      assertThat(body.path("value").get(0).fieldNames()).toIterable()
          .containsExactly("@odata.etag", "accountid", "name");
      String link = body.path("@odata.nextLink").asText();
      assertThat(link).startsWith(sb.baseUrl() + "/api/data/v9.2/accounts?$select=name&$skiptoken=");
      assumeTrue(Files.isDirectory(DIR), "../shared/fixtures/dynamics365 is absent");
      String fixture = Files.readString(DIR.resolve("doc_paging_maxpagesize_response.http"));
      // Everything of the fixture's paging cookie up to the last record's GUID.
      String shape = fixture.substring(fixture.indexOf("$skiptoken="), fixture.indexOf("%257b") + 5);
      assertThat(link).contains(shape);
    }
  }

  @Test
  void changeTrackingMatchesTheDocFixtures() throws Exception {
    try (SandboxServer sb = start(4, "none")) {
      String token = token(sb);
      String base = sb.baseUrl() + "/api/data/v9.2/accounts?$select=name,telephone1";
      JsonNode first = JSON.readTree(get(base, token, "odata.track-changes").body());
      String delta = first.path("@odata.deltaLink").asText();
      // Same token shape as fixture doc_change_tracking_delta_request.http: 919042%2108%2f22%2f2017%2008%3a10%3a44
      assertThat(delta).matches(".*\\$deltatoken=\\d+%21\\d\\d%2f\\d\\d%2f\\d{4}%20\\d\\d%3a\\d\\d%3a\\d\\d");
      sb.clock().advance(Duration.ofMinutes(1));
      sb.dataset().delete("account", 1, 1, sb.clock().now());
      sb.clock().advance(Duration.ofSeconds(1));
      JsonNode changes = JSON.readTree(get(delta, token, null).body());
      assertThat(changes.path("@odata.context").asText()).endsWith("#accounts(name,telephone1)/$delta");
      JsonNode deleted = changes.path("value").get(0);
      assertThat(deleted.path("@odata.context").asText()).endsWith("/$metadata#accounts/$deletedEntity");
      assertThat(deleted.fieldNames()).toIterable().containsExactly("@odata.context", "id", "reason");
      assertThat(deleted.path("reason").asText()).isEqualTo("deleted");
      HttpResponse<String> top = get(base + "&$top=2", token, "odata.track-changes");
      assertThat(top.statusCode()).isEqualTo(400);
      assertThat(top.body()).contains("The $top query parameter isn't supported when Change Tracking is enabled.");
    }
  }

  @Test
  void serviceProtection429IsTheFixtureBody() throws Exception {
    try (SandboxServer sb = start(10, "429:100%")) {
      HttpResponse<String> r = get(sb.baseUrl() + "/api/data/v9.2/accounts", "any", null);
      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(r.headers().firstValue("Retry-After")).isPresent();
      assumeTrue(Files.isDirectory(DIR), "../shared/fixtures/dynamics365 is absent");
      String fixture = Files.readString(DIR.resolve("error_429_service_protection.http"));
      assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree(fixture.substring(fixture.indexOf('{'))));
    }
  }
}
