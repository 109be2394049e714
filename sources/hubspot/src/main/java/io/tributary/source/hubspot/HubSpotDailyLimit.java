package io.tributary.source.hubspot;

import io.tributary.http.QuotaMonitor;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * Reads the daily API quota from {@code X-HubSpot-RateLimit-Daily} and {@code -Daily-Remaining}, which HubSpot
 * sends on every response (fixture recorded_batch_create_201_with_ratelimit_headers.json).
 */
final class HubSpotDailyLimit implements QuotaMonitor {

  @Override
  public Optional<Usage> usage(HttpHeaders headers) {
    Optional<String> max = headers.firstValue("X-HubSpot-RateLimit-Daily");
    Optional<String> remaining = headers.firstValue("X-HubSpot-RateLimit-Daily-Remaining");
    if (max.isEmpty() || remaining.isEmpty()) {
      return Optional.empty();
    }
    try {
      long m = Long.parseLong(max.get().trim());
      long r = Long.parseLong(remaining.get().trim());
      return Optional.of(new Usage("HubSpot daily API limit", m - r, m));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
