package io.tributary.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The simulator's 401 bodies follow the ones recorded from HubSpot in public bug reports: an unknown token gets
 * "Authentication credentials not found. …", an expired OAuth token "The OAuth token used to make this call expired N
 * second(s) ago." with category EXPIRED_AUTHENTICATION and the expiry under context."expire time".
 */
@Tag("sandbox")
class HubSpotSandboxAuthTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void anUnknownTokenAndAnExpiredTokenGetHubSpotsTwo401Bodies() throws Exception {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(HubSpotSandbox.platform())
        .withRows(10).withFaults("expire-token-after:60s"))) {
      HttpResponse<String> unknown = get(sandbox, "not-a-token-hubspot-issued");
      assertThat(unknown.statusCode()).isEqualTo(401);
      JsonNode u = JSON.readTree(unknown.body());
      assertThat(u.path("status").asText()).isEqualTo("error");
      assertThat(u.path("message").asText())
          .isEqualTo("Authentication credentials not found. This API supports both API Key and OAuth 2.0 authentication");
      assertThat(u.has("context")).isFalse();

      String token = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/oauth/v1/token"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id="
              + enc(HubSpotSandboxSettings.CLIENT_ID) + "&client_secret=" + enc(HubSpotSandboxSettings.CLIENT_SECRET)
              + "&refresh_token=" + enc(HubSpotSandboxSettings.REFRESH_TOKEN))).build(),
          HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
      assertThat(get(sandbox, token).statusCode()).isEqualTo(200);

      Instant issuedBy = sandbox.clock().now();
      sandbox.clock().advance(Duration.ofSeconds(60 + 125)); // the token expired 125 s ago (give or take the test)
      HttpResponse<String> expired = get(sandbox, token);
      assertThat(expired.statusCode()).isEqualTo(401);
      JsonNode e = JSON.readTree(expired.body());
      assertThat(e.path("category").asText()).isEqualTo("EXPIRED_AUTHENTICATION");
      assertThat(e.path("message").asText())
          .matches("The OAuth token used to make this call expired 12[5-7] second\\(s\\) ago\\.");
      Instant expireTime = Instant.parse(e.path("context").path("expire time").get(0).asText());
      assertThat(expireTime).isBefore(issuedBy.plusSeconds(60).plusMillis(1)).isAfter(issuedBy.plusSeconds(55));
      assertThat(e.path("correlationId").asText()).hasSize(36);
    }
  }

  private HttpResponse<String> get(SandboxServer sandbox, String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/crm/v3/objects/contacts?limit=1"))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
