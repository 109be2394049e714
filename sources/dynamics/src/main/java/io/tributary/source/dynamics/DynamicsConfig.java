package io.tributary.source.dynamics;

import io.tributary.core.SecretRef;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Map;

/**
 * The {@code source:} block of a Dynamics 365 / Dataverse job: an app registration in Entra ID (tenant, client id,
 * client secret) that is an application user of the environment at {@code org_url}. A {@code sandbox:} block
 * (docs/sources/dynamics365.md) sets these to the simulator's.
 *
 * @param orgUrl the environment URL, for example {@code https://contoso.crm.dynamics.com}
 * @param tenantId the Entra ID tenant (directory) id
 * @param clientId the app registration's application (client) id
 * @param clientSecret secret reference to the app registration's client secret
 * @param authorityUrl the Entra ID host, default {@code https://login.microsoftonline.com}
 * @param apiVersion Web API version, default {@code v9.2}
 * @param pageSize rows per page asked with {@code Prefer: odata.maxpagesize}, default 5000 (the maximum)
 * @param formattedValues {@code drop} (default) or {@code keep}: keep formatted-value annotations as
 *     {@code <attr>_formatted} columns
 * @param requestsPerFiveMinutes client-side cap on API calls, default 6000 (the published service-protection limit
 *     per user per 5 minutes); 0 disables it
 * @param http overrides of the HTTP client settings ({@code max_attempts}, {@code read_timeout}, ...)
 */
public record DynamicsConfig(
    String orgUrl,
    String tenantId,
    String clientId,
    SecretRef clientSecret,
    String authorityUrl,
    @Pattern(regexp = "v9\\.\\d", message = "must look like v9.2") String apiVersion,
    @Positive Integer pageSize,
    @Pattern(regexp = "drop|keep", message = "must be drop or keep") String formattedValues,
    @PositiveOrZero Integer requestsPerFiveMinutes,
    Map<String, Object> http) {

  String orgUrlTrimmed() {
    return orgUrl == null ? null : orgUrl.replaceAll("/+$", "");
  }

  String authorityOrDefault() {
    return authorityUrl == null || authorityUrl.isBlank() ? "https://login.microsoftonline.com"
        : authorityUrl.replaceAll("/+$", "");
  }

  String apiVersionOrDefault() {
    return apiVersion == null ? "v9.2" : apiVersion;
  }

  int pageSizeOrDefault() {
    return pageSize == null ? 5000 : Math.min(5000, pageSize);
  }

  boolean keepFormatted() {
    return "keep".equals(formattedValues);
  }

  int perFiveMinutes() {
    return requestsPerFiveMinutes == null ? 6000 : requestsPerFiveMinutes;
  }

  Map<String, Object> httpOrEmpty() {
    return http == null ? Map.of() : http;
  }
}
