package io.tributary.source.workday;

import io.tributary.core.SecretRef;
import java.util.Map;

/**
 * The {@code source:} block of a Workday job: the tenant's services host and name, and either an Integration System
 * User (HTTP Basic, {@code username} + {@code password}) or an API client's refresh token ({@code client_id},
 * {@code client_secret}, {@code refresh_token}). A {@code sandbox:} block (docs/sources/workday.md) sets these to the
 * simulator's.
 *
 * @param host the tenant's web-services host, for example {@code https://wd2-impl-services1.workday.com}
 * @param tenant the tenant name, the path segment after {@code customreport2/}
 * @param username the ISU's user name (often {@code ISU_Name@tenant}); Basic auth when set
 * @param password secret reference to the ISU's password
 * @param clientId the API client's id (OAuth refresh token flow)
 * @param clientSecret secret reference to the API client's secret
 * @param refreshToken secret reference to the refresh token issued for the API client
 * @param tokenUrl default {@code <host>/ccx/oauth2/<tenant>/token}
 * @param http overrides of the HTTP client settings ({@code max_attempts}, {@code read_timeout}, ...)
 */
public record WorkdayConfig(
    String host,
    String tenant,
    String username,
    SecretRef password,
    String clientId,
    SecretRef clientSecret,
    SecretRef refreshToken,
    String tokenUrl,
    Map<String, Object> http) {

  String hostTrimmed() {
    return host == null ? null : host.replaceAll("/+$", "");
  }

  boolean basic() {
    return username != null && !username.isBlank();
  }

  String tokenUrlOrDefault() {
    return tokenUrl != null && !tokenUrl.isBlank() ? tokenUrl : hostTrimmed() + "/ccx/oauth2/" + tenant + "/token";
  }

  Map<String, Object> httpOrEmpty() {
    return http == null ? Map.of() : http;
  }
}
