package io.tributary.source.ga4;

import io.tributary.core.SecretRef;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Map;

/**
 * The {@code source:} block of a Google Analytics 4 job: a GA4 property read with a Google Cloud service account that
 * has at least the Viewer role on it. A {@code sandbox:} block (docs/sources/ga4.md) sets these to the simulator's.
 *
 * @param propertyId the numeric GA4 property id (Admin, Property settings), for example {@code 123456789}
 * @param credentialsJson secret reference to the service account's JSON key file ({@code ${file:/run/secrets/sa.json}})
 * @param apiUrl the Data API host, default {@code https://analyticsdata.googleapis.com}
 * @param tokenUrl the OAuth token endpoint, default the key file's {@code token_uri}
 *     ({@code https://oauth2.googleapis.com/token})
 * @param pageSize rows asked per runReport call ({@code limit}), default and maximum 250,000
 * @param quotaReserve stop cleanly (exit 1, cursor kept) once the property's hourly or daily token quota left
 *     falls to this, default 500; 0 reads until Google answers RESOURCE_EXHAUSTED
 * @param http overrides of the HTTP client settings ({@code max_attempts}, {@code read_timeout}, ...)
 */
public record Ga4Config(
    @Pattern(regexp = "\\d+", message = "must be the numeric property id (Admin > Property settings)")
    String propertyId,
    SecretRef credentialsJson,
    String apiUrl,
    String tokenUrl,
    @Positive Integer pageSize,
    @PositiveOrZero Integer quotaReserve,
    Map<String, Object> http) {

  static final int MAX_LIMIT = 250_000;

  String apiUrlOrDefault() {
    return apiUrl == null || apiUrl.isBlank() ? "https://analyticsdata.googleapis.com" : apiUrl.replaceAll("/+$", "");
  }

  int pageSizeOrDefault() {
    return pageSize == null ? MAX_LIMIT : Math.min(MAX_LIMIT, pageSize);
  }

  int minTokensOrDefault() {
    return quotaReserve == null ? 500 : quotaReserve;
  }

  Map<String, Object> httpOrEmpty() {
    return http == null ? Map.of() : http;
  }
}
