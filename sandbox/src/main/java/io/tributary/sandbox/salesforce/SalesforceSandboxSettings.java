package io.tributary.sandbox.salesforce;

import io.tributary.sandbox.SandboxOptions;
import java.security.interfaces.RSAPublicKey;

/**
 * Salesforce-specific sandbox settings. From the command line they come as {@code --set salesforce.<key>=value}
 * with keys client-id, client-secret, username, audience, refresh-token, batch-size, irregular-batches, bulk-polls,
 * bulk-start-ms, bulk-rows-per-second, users.
 *
 * <p>Bulk 2.0 processing time is an assumption, not a vendor fact: Salesforce documents no processing rate. A query
 * job completes {@code bulkStartMillis + rows / bulkRowsPerSecond} after its create, on the sandbox clock (see
 * docs/sources/salesforce.md, "Polling a Bulk job").
 *
 * @param clientId the connected app's consumer key (JWT {@code iss}, client_credentials {@code client_id})
 * @param clientSecret the consumer secret (client_credentials; also keys the token response {@code signature})
 * @param username the integration user (JWT {@code sub})
 * @param audience the login host the JWT {@code aud} must name
 * @param refreshToken the one refresh token the refresh_token grant accepts
 * @param publicKey when set, JWT signatures are verified against it; when null any well-formed RS256 JWT passes
 * @param batchSize REST query batch size (Salesforce: at most 2,000)
 * @param irregularBatches when true, batches vary between half and all of {@code batchSize}, as Salesforce allows
 * @param bulkPolls status polls a Bulk 2.0 job answers InProgress at least, however long it has run (tests that need
 *     InProgress answers); default 0
 * @param bulkStartMillis assumed fixed time before a Bulk 2.0 query job starts producing rows; default 500
 * @param bulkRowsPerSecond assumed rows a Bulk 2.0 query job processes per second; default 250,000
 */
public record SalesforceSandboxSettings(
    String clientId, String clientSecret, String username, String audience, String refreshToken,
    RSAPublicKey publicKey, int batchSize, boolean irregularBatches, int bulkPolls, long bulkStartMillis,
    long bulkRowsPerSecond) {

  public static final String PREFIX = "salesforce.";

  public static SalesforceSandboxSettings defaults() {
    return new SalesforceSandboxSettings("tributary-sandbox-client", "tributary-sandbox-secret",
        "integration@sandbox.tributary.example", "https://login.salesforce.com", "tributary-sandbox-refresh",
        null, 2000, false, 0, 500, 250_000);
  }

  /** Defaults overridden by {@code salesforce.*} settings of the options. */
  public static SalesforceSandboxSettings from(SandboxOptions o) {
    SalesforceSandboxSettings d = defaults();
    return new SalesforceSandboxSettings(
        o.setting(PREFIX + "client-id", d.clientId()),
        o.setting(PREFIX + "client-secret", d.clientSecret()),
        o.setting(PREFIX + "username", d.username()),
        o.setting(PREFIX + "audience", d.audience()),
        o.setting(PREFIX + "refresh-token", d.refreshToken()),
        null,
        o.setting(PREFIX + "batch-size", d.batchSize(), 1, 2000),
        Boolean.parseBoolean(o.setting(PREFIX + "irregular-batches", "false")),
        o.setting(PREFIX + "bulk-polls", d.bulkPolls(), 0, 1000),
        o.setting(PREFIX + "bulk-start-ms", d.bulkStartMillis(), 0, 3_600_000),
        o.setting(PREFIX + "bulk-rows-per-second", d.bulkRowsPerSecond(), 1, Long.MAX_VALUE));
  }

  public SalesforceSandboxSettings withPublicKey(RSAPublicKey key) {
    return new SalesforceSandboxSettings(clientId, clientSecret, username, audience, refreshToken, key, batchSize,
        irregularBatches, bulkPolls, bulkStartMillis, bulkRowsPerSecond);
  }

  public SalesforceSandboxSettings withBatchSize(int size, boolean irregular) {
    return new SalesforceSandboxSettings(clientId, clientSecret, username, audience, refreshToken, publicKey, size,
        irregular, bulkPolls, bulkStartMillis, bulkRowsPerSecond);
  }

  public SalesforceSandboxSettings withBulkPolls(int polls) {
    return new SalesforceSandboxSettings(clientId, clientSecret, username, audience, refreshToken, publicKey,
        batchSize, irregularBatches, polls, bulkStartMillis, bulkRowsPerSecond);
  }

  /** Assumed Bulk 2.0 processing: {@code startMillis + rows / rowsPerSecond} after the create. */
  public SalesforceSandboxSettings withBulkProcessing(long startMillis, long rowsPerSecond) {
    return new SalesforceSandboxSettings(clientId, clientSecret, username, audience, refreshToken, publicKey,
        batchSize, irregularBatches, bulkPolls, startMillis, rowsPerSecond);
  }
}
