package io.tributary.source.sap;

import io.tributary.core.SecretRef;
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
    Map<String, Object> http) {

  boolean oauth() {
    return clientId != null || clientSecret != null || (tokenUrl != null && !tokenUrl.isBlank());
  }
}
