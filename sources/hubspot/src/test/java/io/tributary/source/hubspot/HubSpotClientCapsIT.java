package io.tributary.source.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.auth.BearerTokenAuth;
import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.Source;
import io.tributary.core.StreamReader;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.hubspot.HubSpotRoutes;
import io.tributary.sandbox.hubspot.HubSpotSandbox;
import io.tributary.sandbox.hubspot.HubSpotSandboxSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The client's default caps (4 searches a second) keep a search-heavy read under HubSpot's 5 a second, against the
 * simulator enforcing it in real time; the same read without the caps meets the limit. The one HubSpot test that
 * waits for real time on purpose: the caps are the client's real-time rate limiter.
 */
@Tag("sandbox")
class HubSpotClientCapsIT {

  private static final Instant CHANGED = Instant.parse("2025-05-06T07:08:09.100Z");
  private static final int PAGES = 8;

  /** Limit 429s the simulator answered while a source with these caps read {@link #PAGES} search pages. */
  private static long limitedCalls(Integer searchesPerSecond) {
    // Each simulator has its own port, so its own account and rate limiter in the client.
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(HubSpotSandbox.platform())
        .withRows("contacts", 200L * PAGES).withRows(1));
        Source source = new HubSpotSource(new HubSpotConfig(null, null, null, null, null, null, null, "0s",
            searchesPerSecond, 0, Map.of("initial_backoff", "50ms")), URI.create(sandbox.baseUrl()),
            new BearerTokenAuth(HubSpotSandboxSettings.PRIVATE_APP_TOKEN))) {
      sandbox.dataset().touch("contacts", 0, 200 * PAGES - 1, CHANGED);
      ReadRequest request = new ReadRequest("contacts", Map.of("properties", List.of("email")), List.of("id"),
          List.of("lastmodifieddate"), Cursor.of(HubSpotStreamReader.WATERMARK,
          Long.toString(CHANGED.minusSeconds(60).toEpochMilli())), Duration.ZERO, 200);
      long records = 0;
      try (StreamReader reader = source.open(request)) {
        Cursor c = Cursor.START;
        for (Page p = reader.read(c); ; p = reader.read(c)) {
          records += p.records().size();
          if (p.done()) {
            break;
          }
          c = p.next();
        }
      }
      assertThat(records).isEqualTo(200L * PAGES);
      return sandbox.routes(HubSpotRoutes.class).limitRejections();
    }
  }

  @Test
  void theDefaultSearchCapNeverMeetsTheSecondlyLimit() {
    assertThat(limitedCalls(null)).isZero();
  }

  @Test
  void withoutTheCapTheSameReadMeetsIt() {
    assertThat(limitedCalls(0)).isPositive();
  }
}
