package io.tributary.reliability;

import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.netsuite.NetSuiteSandbox;
import io.tributary.sandbox.netsuite.NetSuiteSandboxSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** NetSuite SuiteQL customers (id paging by lastmodifieddate, id), TBA secrets in files. */
class NetSuiteSandboxJob implements SandboxJob {

  @Override
  public String name() {
    return "netsuite";
  }

  @Override
  public SandboxServer start(long rows, long seed, String faults) {
    return SandboxServer.start(SandboxOptions.defaults().withPlatform(NetSuiteSandbox.platform())
        .withRows(rows).withSeed(seed).withFaults(faults));
  }

  @Override
  public String sourceBlock(SandboxServer server, Path dir) throws Exception {
    NetSuiteSandboxSettings s = NetSuiteSandboxSettings.from(server.options());
    Path secrets = Files.createDirectories(dir.resolve("secrets"));
    return ("{ type: netsuite, account_id: \"%s\", base_url: \"%s\", timezone: %s, consumer_key: \"%s\","
        + " consumer_secret: \"%s\", token_id: \"%s\", token_secret: \"%s\", http: %s }").formatted(s.account(),
        server.baseUrl(), s.timezone().getId(), secret(secrets, "ck", s.consumerKey()),
        secret(secrets, "cs", s.consumerSecret()), secret(secrets, "ti", s.tokenId()),
        secret(secrets, "ts", s.tokenSecret()), SandboxJobs.FAST_RETRY);
  }

  @Override
  public String streams() {
    return """
        - { name: customers, primary_key: [id], cursor: [lastmodifieddate], page_size: 100 }
        """;
  }

  @Override
  public String object() {
    return "customer";
  }

  @Override
  public String table() {
    return "customers";
  }

  @Override
  public List<String> keyAndStamp() {
    return List.of("id", "lastmodifieddate");
  }

  @Override
  public String key(RowState row) {
    return Long.toString(row.index() + 1);
  }

  @Override
  public Instant stamp(RowState row) {
    return row.modifiedAt().truncatedTo(ChronoUnit.SECONDS);
  }

  @Override
  public boolean softDeletes() {
    return false;
  }

  @Override
  public long minimumCalls(long rows) {
    return (rows + 999) / 1000; // SuiteQL returns at most 1,000 rows per request
  }

  @Override
  public SandboxJob atDefaultPageSizes() {
    return new NetSuiteSandboxJob() {
      @Override
      public String streams() {
        return "- { name: customers, primary_key: [id], cursor: [lastmodifieddate], page_size: 1000 }\n";
      }
    };
  }

  @Override
  public boolean expiringTokens() {
    return false; // TBA signs every request with a long-lived token; there is no access token to expire
  }

  static String secret(Path dir, String name, String value) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, value);
    return "${file:" + f.toAbsolutePath() + "}";
  }
}
