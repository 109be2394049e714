package io.tributary.sandbox.sap;

import io.tributary.core.TributaryException;
import io.tributary.sandbox.SandboxOptions;
import java.util.Locale;

/**
 * SAP simulator settings, from the command line as {@code --set sap.<key>=value}: user, password, client-id,
 * client-secret, page-size, skiptoken ({@code offset} or {@code keyset}).
 *
 * @param user the basic-auth communication user
 * @param password its password
 * @param clientId the OAuth 2.0 client id
 * @param clientSecret the OAuth 2.0 client secret
 * @param pageSize the server-side page size: a collection answers at most this many entities and a {@code __next}
 * @param skiptoken what the {@code $skiptoken} of a {@code __next} names
 */
public record SapSandboxSettings(String user, String password, String clientId, String clientSecret, int pageSize,
    Skiptoken skiptoken) {

  /** What a {@code $skiptoken} names. */
  public enum Skiptoken {
    /**
     * The number of entities already served in the request's order (the default). A Gateway DPC that implements
     * server-side paging skips that many entities of a fresh query, so a row that moves or disappears between pages
     * shifts the rest; SAP Gateway tutorials ("$skiptoken Query Option in SAP OData Service": {@code $skiptoken=10}
     * is the index of the next entity) build it this way.
     */
    OFFSET,
    /** The (change stamp, index) of the last entity served: a stable position, as a careful DPC could build it. */
    KEYSET
  }

  public static final String PREFIX = "sap.";
  /** The OData v2 root the services hang off, as on an S/4HANA system. */
  public static final String ROOT = "/sap/opu/odata/sap";
  /** The on-premise OAuth 2.0 token endpoint (SAP Help "OAuth 2.0 Client Credentials Grant", ABAP Platform). */
  public static final String TOKEN_PATH = "/sap/bc/sec/oauth2/token";

  public static SapSandboxSettings defaults() {
    return new SapSandboxSettings("TRIBUTARY_COMM_USER", "sandbox-password", "TRIBUTARY_CLIENT", "sandbox-secret",
        1000, Skiptoken.OFFSET);
  }

  public static SapSandboxSettings from(SandboxOptions o) {
    SapSandboxSettings d = defaults();
    int n = o.setting(PREFIX + "page-size", d.pageSize(), 1, Integer.MAX_VALUE);
    String token = o.setting(PREFIX + "skiptoken", d.skiptoken().name());
    Skiptoken skiptoken;
    try {
      skiptoken = Skiptoken.valueOf(token.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw TributaryException.config("sandbox setting " + PREFIX + "skiptoken=" + token + " is invalid",
          "use --set " + PREFIX + "skiptoken=offset (Gateway's usual paging) or keyset");
    }
    return new SapSandboxSettings(o.setting(PREFIX + "user", d.user()), o.setting(PREFIX + "password", d.password()),
        o.setting(PREFIX + "client-id", d.clientId()), o.setting(PREFIX + "client-secret", d.clientSecret()), n,
        skiptoken);
  }
}
