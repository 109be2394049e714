package io.tributary.sandbox.sap;

import io.tributary.sandbox.SandboxOptions;

/**
 * SAP simulator settings, from the command line as {@code --set sap.<key>=value}: user, password, client-id,
 * client-secret, page-size.
 *
 * @param user the basic-auth communication user
 * @param password its password
 * @param clientId the OAuth 2.0 client id
 * @param clientSecret the OAuth 2.0 client secret
 * @param pageSize the server-side page size: a collection answers at most this many entities and a {@code __next}
 */
public record SapSandboxSettings(String user, String password, String clientId, String clientSecret, int pageSize) {

  public static final String PREFIX = "sap.";
  /** The OData v2 root the services hang off, as on an S/4HANA system. */
  public static final String ROOT = "/sap/opu/odata/sap";
  /** The on-premise OAuth 2.0 token endpoint (SAP Help "OAuth 2.0 Client Credentials Grant", ABAP Platform). */
  public static final String TOKEN_PATH = "/sap/bc/sec/oauth2/token";

  public static SapSandboxSettings defaults() {
    return new SapSandboxSettings("TRIBUTARY_COMM_USER", "sandbox-password", "TRIBUTARY_CLIENT", "sandbox-secret",
        1000);
  }

  public static SapSandboxSettings from(SandboxOptions o) {
    SapSandboxSettings d = defaults();
    int n = o.setting(PREFIX + "page-size", d.pageSize(), 1, Integer.MAX_VALUE);
    return new SapSandboxSettings(o.setting(PREFIX + "user", d.user()), o.setting(PREFIX + "password", d.password()),
        o.setting(PREFIX + "client-id", d.clientId()), o.setting(PREFIX + "client-secret", d.clientSecret()), n);
  }
}
