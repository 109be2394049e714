package io.tributary.source.sap;

import io.tributary.core.SecretRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.util.Map;

/**
 * The {@code source:} block of an SAP OData job. Exactly one of basic ({@code user}/{@code password}) or OAuth 2.0
 * client credentials ({@code client_id}/{@code client_secret}/{@code token_url}) is set.
 *
 * @param baseUrl the OData root the services hang off, for example {@code https://host/sap/opu/odata/sap}
 * @param odataVersion {@code v2} (default) or {@code v4}
 * @param sapClient the SAP client (mandant) sent as {@code sap-client}, or null for the system default
 * @param user basic-auth user (a communication user), plain text
 * @param password basic-auth password (secret reference)
 * @param clientId OAuth 2.0 client id (secret reference)
 * @param clientSecret OAuth 2.0 client secret (secret reference)
 * @param tokenUrl OAuth 2.0 token endpoint, for example {@code https://host/sap/bc/sec/oauth2/token}
 * @param scope OAuth scopes, space separated, or null
 * @param http per-job overrides of the HTTP client settings (see docs/auth.md)
 * @param sandbox when set, the source starts the in-process simulator and reads from it (demos, benchmarks)
 */
public record SapConfig(
    String baseUrl,
    String odataVersion,
    String sapClient,
    String user,
    SecretRef password,
    SecretRef clientId,
    SecretRef clientSecret,
    String tokenUrl,
    String scope,
    Map<String, Object> http,
    @Valid Sandbox sandbox) {

  /**
   * The in-process simulator block.
   *
   * @param rows rows per entity set (default 5,000)
   * @param faults fault spec such as {@code 429:5%,500:5%} (default none)
   * @param seed dataset seed (default 42)
   * @param auth {@code basic} (default) or {@code oauth}
   */
  public record Sandbox(@Positive Long rows, String faults, Long seed, String auth) {}

  boolean oauth() {
    return clientId != null || clientSecret != null || (tokenUrl != null && !tokenUrl.isBlank());
  }
}
