package io.tributary.source.salesforce;

import io.tributary.core.Durations;
import io.tributary.core.TributaryException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code source:} block of a job reading Salesforce.
 *
 * @param auth how to log in (required; a {@code sandbox:} block sets it to the simulator's app)
 * @param loginHost {@code login.salesforce.com} (production, default), {@code test.salesforce.com} (sandboxes), a My
 *     Domain host like {@code acme.my.salesforce.com}, or a full {@code http(s)://} URL
 * @param apiVersion REST API version, for example {@code 62.0}
 * @param bulkThreshold with mode auto, a stream whose {@code SELECT COUNT()} exceeds this many rows is read with Bulk
 *     API 2.0, smaller ones with REST; default 50,000
 * @param bulkPageSize rows per Bulk results request ({@code maxRecords}); default 100,000
 * @param bulkFirstPoll wait before a Bulk job's first status poll, like {@code 5s} or {@code 200ms}; default 5s (see
 *     docs/sources/salesforce.md, "Polling a Bulk job")
 * @param quotaStopShare share of the org's daily API requests at which the run stops with its cursor saved; 0.9
 * @param http overrides of the HTTP client settings (see docs/auth.md)
 */
public record SalesforceConfig(
    @Valid SalesforceAuthConfig auth,
    String loginHost,
    String apiVersion,
    @Positive Long bulkThreshold,
    @Positive Integer bulkPageSize,
    String bulkFirstPoll,
    @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double quotaStopShare,
    Map<String, Object> http) {

  static final String DEFAULT_API_VERSION = "62.0";
  static final long DEFAULT_BULK_THRESHOLD = 50_000;
  static final int DEFAULT_BULK_PAGE_SIZE = 100_000;
  private static final Pattern VERSION = Pattern.compile("\\d{2,3}\\.0");

  String apiVersionOrDefault() {
    String v = apiVersion == null ? DEFAULT_API_VERSION : apiVersion.trim().replaceFirst("^v", "");
    if (!VERSION.matcher(v).matches()) {
      throw TributaryException.config("source.api_version '" + apiVersion + "' is not a Salesforce API version",
          "write it like 62.0 (Bulk API 2.0 queries need 47.0 or later)");
    }
    return v;
  }

  long bulkThresholdOrDefault() {
    return bulkThreshold == null ? DEFAULT_BULK_THRESHOLD : bulkThreshold;
  }

  int bulkPageSizeOrDefault() {
    return bulkPageSize == null ? DEFAULT_BULK_PAGE_SIZE : bulkPageSize;
  }

  BulkPollSchedule bulkPollSchedule() {
    return BulkPollSchedule.of(bulkFirstPoll == null ? null : Durations.parse(bulkFirstPoll));
  }

  Map<String, Object> httpOverrides() {
    Map<String, Object> m = new java.util.LinkedHashMap<>(http == null ? Map.of() : http);
    if (quotaStopShare != null) {
      m.put("quota_stop_share", quotaStopShare);
    }
    return m;
  }

  /** The login URL without a trailing slash. */
  String loginUrl() {
    String host = loginHost == null || loginHost.isBlank() ? "login.salesforce.com" : loginHost.trim();
    host = host.replaceAll("/+$", "");
    return host.startsWith("http://") || host.startsWith("https://") ? host : "https://" + host;
  }

  /** The JWT audience: the sandbox login host for sandbox orgs, else production's. */
  String jwtAudience() {
    if (auth != null && auth.audience() != null) {
      return auth.audience();
    }
    String url = loginUrl();
    return url.contains("test.salesforce.com") || url.contains(".sandbox.my.salesforce.com")
        ? "https://test.salesforce.com" : "https://login.salesforce.com";
  }
}
