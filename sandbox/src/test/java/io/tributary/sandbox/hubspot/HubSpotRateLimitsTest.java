package io.tributary.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * HubSpot's limits as a client meets them, counted on the simulator's clock: stopped here, so no window passes while
 * the test counts calls, and advanced instead of waited for. Search allows 5 calls in a rolling second and answers the
 * 6th with the recorded "secondly limit" 429 (no Retry-After); other calls allow 100 per rolling 10 s, report what
 * is left in {@code X-HubSpot-RateLimit-*} and answer the 101st with the TEN_SECONDLY_ROLLING 429.
 */
@Tag("sandbox")
class HubSpotRateLimitsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  private static SandboxServer start() {
    SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(HubSpotSandbox.platform())
        .withRows(10));
    sandbox.clock().stop();
    return sandbox;
  }

  @Test
  void theSixthSearchInASecondGetsTheSecondlyLimitUntilTheSecondHasPassed() throws Exception {
    try (SandboxServer sandbox = start()) {
      for (int i = 1; i <= 5; i++) {
        assertThat(search(sandbox).statusCode()).as("search %d", i).isEqualTo(200);
      }
      HttpResponse<String> limited = search(sandbox);
      assertThat(limited.statusCode()).isEqualTo(429);
      JsonNode body = JSON.readTree(limited.body());
      assertThat(body.path("message").asText()).isEqualTo("You have reached your secondly limit.");
      assertThat(body.path("category").asText()).isEqualTo("RATE_LIMITS");
      assertThat(limited.headers().firstValue("Retry-After")).isEmpty();
      assertThat(limited.headers().firstValue("X-HubSpot-RateLimit-Daily")).hasValue("250000");

      sandbox.clock().advance(Duration.ofMillis(999));
      assertThat(search(sandbox).statusCode()).as("still inside the second").isEqualTo(429);
      sandbox.clock().advance(Duration.ofMillis(1));
      assertThat(search(sandbox).statusCode()).as("the second has passed").isEqualTo(200);
    }
  }

  @Test
  void theHundredAndFirstCallInTenSecondsGetsTheTenSecondlyLimitAndTheHeadersCountDown() throws Exception {
    try (SandboxServer sandbox = start()) {
      for (int i = 1; i <= 100; i++) {
        HttpResponse<String> ok = list(sandbox);
        assertThat(ok.statusCode()).as("call %d", i).isEqualTo(200);
        assertThat(ok.headers().firstValue("X-HubSpot-RateLimit-Remaining")).as("call %d", i)
            .hasValue(Integer.toString(100 - i));
        assertThat(ok.headers().firstValue("X-HubSpot-RateLimit-Max")).hasValue("100");
        assertThat(ok.headers().firstValue("X-HubSpot-RateLimit-Interval-Milliseconds")).hasValue("10000");
        assertThat(ok.headers().firstValue("X-HubSpot-RateLimit-Daily-Remaining"))
            .hasValue(Integer.toString(250_000 - i));
      }
      HttpResponse<String> limited = list(sandbox);
      assertThat(limited.statusCode()).isEqualTo(429);
      JsonNode body = JSON.readTree(limited.body());
      assertThat(body.path("policyName").asText()).isEqualTo("TEN_SECONDLY_ROLLING");
      assertThat(body.path("message").asText()).isEqualTo("You have reached your ten_secondly_rolling limit.");
      assertThat(limited.headers().firstValue("X-HubSpot-RateLimit-Remaining")).hasValue("0");

      sandbox.clock().advance(Duration.ofSeconds(10));
      HttpResponse<String> after = list(sandbox);
      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(after.headers().firstValue("X-HubSpot-RateLimit-Remaining")).hasValue("99");
    }
  }

  private HttpResponse<String> search(SandboxServer sandbox) throws Exception {
    return send(sandbox, HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/crm/v3/objects/contacts/search"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"limit\":1}")));
  }

  private HttpResponse<String> list(SandboxServer sandbox) throws Exception {
    return send(sandbox, HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/crm/v3/objects/contacts?limit=1"))
        .GET());
  }

  private HttpResponse<String> send(SandboxServer sandbox, HttpRequest.Builder request) throws Exception {
    return http.send(request.header("Authorization", "Bearer " + HubSpotSandboxSettings.PRIVATE_APP_TOKEN).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
