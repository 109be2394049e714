package io.tributary.sandbox.oracleerp;

import io.tributary.sandbox.SandboxOptions;

/**
 * Oracle ERP Cloud simulator settings, from the command line as {@code --set oracleerp.<key>=value}: user, password,
 * client-id (the confidential application a JWT user assertion is issued to), max-limit.
 *
 * @param user the integration user of basic authentication
 * @param password its password
 * @param clientId the OAuth client id: the {@code iss} of a JWT bearer assertion and the client of the token call
 * @param maxLimit the largest page the server answers; a bigger {@code limit} is cut to it
 */
public record OracleErpSandboxSettings(String user, String password, String clientId, int maxLimit) {

  public static final String PREFIX = "oracleerp.";
  /** The REST API version segment of every resource path. */
  public static final String VERSION = "11.13.18.05";
  public static final String ROOT = "/fscmRestApi/resources/" + VERSION;
  /** The identity domain's token endpoint (OCI IAM / IDCS {@code /oauth2/v1/token}). */
  public static final String TOKEN_PATH = "/oauth2/v1/token";

  public static OracleErpSandboxSettings defaults() {
    return new OracleErpSandboxSettings("tributary.integration", "sandbox-fusion-password", "TRIBUTARY_ERP_CLIENT",
        500);
  }

  public static OracleErpSandboxSettings from(SandboxOptions o) {
    OracleErpSandboxSettings d = defaults();
    return new OracleErpSandboxSettings(o.setting(PREFIX + "user", d.user()), o.setting(PREFIX + "password",
        d.password()), o.setting(PREFIX + "client-id", d.clientId()),
        o.setting(PREFIX + "max-limit", d.maxLimit(), 1, 10_000));
  }
}
