package io.tributary.sandbox.bamboohr;

import io.tributary.core.TributaryException;
import io.tributary.sandbox.SandboxOptions;

/**
 * BambooHR simulator settings, from the command line as {@code --set bamboohr.<key>=value}: company-domain, api-key,
 * rate-limit-status ({@code 429} or {@code 503}).
 *
 * @param companyDomain the company's subdomain, the {@code {companyDomain}} of
 *     {@code /api/gateway.php/{companyDomain}/v1/...}
 * @param apiKey the API key the simulator accepts as the Basic user name (any password)
 * @param rateLimitStatus the status of a rate-limited request: 429 since 2026-09-16, 503 before ("Planned Changes to
 *     the API", documentation.bamboohr.com/docs/planned-changes-to-the-api); both carry {@code Retry-After}
 */
public record BambooHrSandboxSettings(String companyDomain, String apiKey, int rateLimitStatus) {

  public static final String PREFIX = "bamboohr.";
  public static final String COMPANY_DOMAIN = "tributarysandbox";
  public static final String API_KEY = "sandbox-bamboohr-api-key-0123456789abcdef";

  public static BambooHrSandboxSettings defaults() {
    return new BambooHrSandboxSettings(COMPANY_DOMAIN, API_KEY, 429);
  }

  public static BambooHrSandboxSettings from(SandboxOptions o) {
    BambooHrSandboxSettings d = defaults();
    int status = o.setting(PREFIX + "rate-limit-status", d.rateLimitStatus(), 429, 503);
    if (status != 429 && status != 503) {
      throw TributaryException.config("sandbox setting bamboohr.rate-limit-status=" + status + " is invalid",
          "use 429 (BambooHR since 2026-09-16) or 503 (before)");
    }
    return new BambooHrSandboxSettings(o.setting(PREFIX + "company-domain", d.companyDomain()),
        o.setting(PREFIX + "api-key", d.apiKey()), status);
  }

  /** The API root a client is configured with: {@code <server>/api/gateway.php/<companyDomain>/v1}. */
  public String apiRoot(String serverBaseUrl) {
    return serverBaseUrl + "/api/gateway.php/" + companyDomain + "/v1";
  }
}
