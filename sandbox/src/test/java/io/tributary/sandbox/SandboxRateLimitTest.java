package io.tributary.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sandbox.hubspot.HubSpotSandbox;
import io.tributary.sandbox.hubspot.HubSpotSandboxSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code --rate-limit=N}: N requests per second of the simulator's clock, then the platform's own 429 with
 * {@code Retry-After: 1}; advancing the clock a second lets the next one through, no sleeping.
 */
@Tag("sandbox")
class SandboxRateLimitTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theRequestPastTheLimitGetsA429UntilTheClockMovesToTheNextSecond() throws Exception {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(HubSpotSandbox.platform())
        .withRows(10).withRateLimit(3))) {
      sandbox.clock().stop();
      sandbox.clock().advance(Duration.ofMillis(1_000 - sandbox.clock().millis() % 1_000)); // the start of a second
      for (int i = 1; i <= 3; i++) {
        assertThat(get(sandbox).statusCode()).as("request %d", i).isEqualTo(200);
      }
      HttpResponse<String> limited = get(sandbox);
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(limited.body()).contains("You have reached your secondly limit.");

      sandbox.clock().advance(Duration.ofMillis(999));
      assertThat(get(sandbox).statusCode()).as("the same second").isEqualTo(429);
      sandbox.clock().advance(Duration.ofMillis(1));
      assertThat(get(sandbox).statusCode()).as("the next second").isEqualTo(200);
    }
  }

  private HttpResponse<String> get(SandboxServer sandbox) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/crm/v3/objects/contacts?limit=1"))
        .header("Authorization", "Bearer " + HubSpotSandboxSettings.PRIVATE_APP_TOKEN).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
