package io.tributary.sandbox.netsuite;

import io.tributary.core.TributaryException;
import io.tributary.sandbox.SandboxOptions;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * NetSuite simulator settings, from the command line as {@code --set netsuite.<key>=value}: account, consumer-key,
 * consumer-secret, token-id, token-secret, timezone, concurrency, concurrency-error ({@code 429} or {@code login}).
 *
 * @param account the account id (TBA realm), for example {@code TSTDRV123}
 * @param timezone the account user's time zone: SuiteQL datetimes are shown and parsed in it, without an offset
 * @param concurrency requests the account serves at once; more get a concurrency error
 * @param loginWordedConcurrency when true the concurrency error is a 401 "Invalid login attempt", as NetSuite has been
 *     seen to answer (julbrs/netsuite-api-client#26); otherwise a 429
 */
public record NetSuiteSandboxSettings(String account, String consumerKey, String consumerSecret, String tokenId,
    String tokenSecret, ZoneId timezone, int concurrency, boolean loginWordedConcurrency) {

  public static final String PREFIX = "netsuite.";

  public static NetSuiteSandboxSettings defaults() {
    return new NetSuiteSandboxSettings("TSTDRV123", "sandbox-consumer-key", "sandbox-consumer-secret",
        "sandbox-token-id", "sandbox-token-secret", ZoneId.of("America/Los_Angeles"), 5, false);
  }

  public static NetSuiteSandboxSettings from(SandboxOptions o) {
    NetSuiteSandboxSettings d = defaults();
    String zone = o.setting(PREFIX + "timezone", d.timezone().getId());
    ZoneId tz;
    try {
      tz = ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw TributaryException.config("sandbox setting netsuite.timezone=" + zone + " is not a time zone",
          "use a region id such as America/Los_Angeles");
    }
    int n = o.setting(PREFIX + "concurrency", d.concurrency(), 1, 1000);
    return new NetSuiteSandboxSettings(
        o.setting(PREFIX + "account", d.account()),
        o.setting(PREFIX + "consumer-key", d.consumerKey()),
        o.setting(PREFIX + "consumer-secret", d.consumerSecret()),
        o.setting(PREFIX + "token-id", d.tokenId()),
        o.setting(PREFIX + "token-secret", d.tokenSecret()),
        tz, n, "login".equalsIgnoreCase(o.setting(PREFIX + "concurrency-error", "429")));
  }
}
