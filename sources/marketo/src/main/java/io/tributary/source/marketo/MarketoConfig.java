package io.tributary.source.marketo;

import io.tributary.core.Durations;
import io.tributary.core.SecretRef;
import io.tributary.core.TributaryException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The {@code source:} block of a Marketo job. A LaunchPoint custom service gives {@code client_id} and
 * {@code client_secret}; Admin &gt; Web Services gives the REST endpoint ({@code base_url}) and the Identity URL.
 * A {@code sandbox:} block (docs/sources/marketo.md) sets these to the simulator's.
 *
 * @param baseUrl the REST endpoint without {@code /rest}, like {@code https://123-ABC-456.mktorest.com}
 * @param identityUrl the Identity URL, default {@code <base_url>/identity}
 * @param clientId the custom service's client id (plain)
 * @param clientSecret secret reference to the custom service's client secret
 * @param startAt where a first (full) read starts: Marketo has no "since the beginning", every export names a range
 * @param endAt where reads stop (a backfill); default now
 * @param requestsPerTwentySeconds client-side cap on calls, default 95 (Marketo answers 606 above 100 per 20 s)
 * @param dailyExportQuotaMb the subscription's daily bulk export allowance, default 500: a run stops (QUOTA) before
 *     creating another export once its own exports reached it
 * @param maxWindowDays days per export, default and maximum 31 (bulk-extract.md, "Limits")
 * @param pollInterval first wait between status polls, default 5s; doubles up to {@code max_poll_interval}
 * @param maxPollInterval longest wait between status polls, default 60s
 * @param maxExportWait how long one export may stay queued or processing before the run stops (restartable, the
 *     export id is kept), default 2h
 * @param http overrides of the HTTP client settings ({@code max_attempts}, {@code read_timeout}, ...)
 */
public record MarketoConfig(
    String baseUrl,
    String identityUrl,
    String clientId,
    SecretRef clientSecret,
    String startAt,
    String endAt,
    @PositiveOrZero Integer requestsPerTwentySeconds,
    @Positive Integer dailyExportQuotaMb,
    @Positive @Max(31) Integer maxWindowDays,
    String pollInterval,
    String maxPollInterval,
    String maxExportWait,
    Map<String, Object> http) {

  String base() {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw TributaryException.config("the marketo source has no base_url",
          "set source.base_url to the REST endpoint of Admin > Integration > Web Services without /rest, like"
              + " https://123-ABC-456.mktorest.com");
    }
    return baseUrl.replaceAll("/+$", "").replaceAll("/rest$", "");
  }

  String identity() {
    return identityUrl == null || identityUrl.isBlank() ? base() + "/identity" : identityUrl.replaceAll("/+$", "");
  }

  Instant start() {
    if (startAt == null || startAt.isBlank()) {
      throw TributaryException.config("the marketo source has no start_at",
          "set source.start_at to the earliest createdAt/updatedAt to read, like 2024-01-01T00:00:00Z: every"
              + " Marketo export names a date range, so a first run must know where to begin");
    }
    return instant("start_at", startAt);
  }

  Instant end() {
    return endAt == null || endAt.isBlank() ? null : instant("end_at", endAt);
  }

  int perTwentySeconds() {
    return requestsPerTwentySeconds == null ? 95 : requestsPerTwentySeconds;
  }

  long dailyQuotaBytes() {
    return (dailyExportQuotaMb == null ? 500L : dailyExportQuotaMb) * 1024 * 1024;
  }

  Duration window() {
    return Duration.ofDays(maxWindowDays == null ? 31 : maxWindowDays);
  }

  Duration firstPoll() {
    return pollInterval == null ? Duration.ofSeconds(5) : Durations.parse(pollInterval);
  }

  Duration maxPoll() {
    return maxPollInterval == null ? Duration.ofSeconds(60) : Durations.parse(maxPollInterval);
  }

  Duration exportWait() {
    return maxExportWait == null ? Duration.ofHours(2) : Durations.parse(maxExportWait);
  }

  Map<String, Object> httpOrEmpty() {
    return http == null ? Map.of() : http;
  }

  private static Instant instant(String field, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw TributaryException.config("source." + field + " '" + value + "' is not an ISO-8601 instant",
          "write it like 2024-01-01T00:00:00Z");
    }
  }
}
