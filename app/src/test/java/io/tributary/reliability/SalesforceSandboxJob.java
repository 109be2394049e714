package io.tributary.reliability;

import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.salesforce.SalesforceRoutes;
import io.tributary.sandbox.salesforce.SalesforceSandbox;
import io.tributary.sandbox.salesforce.SalesforceSandboxSettings;
import io.tributary.sandbox.salesforce.SalesforceSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Salesforce Accounts through REST (SOQL keyset pages, nextRecordsUrl) or Bulk API 2.0, include_deleted (soft
 * deletes), client-credentials login against the simulator with the secret in a file.
 */
final class SalesforceSandboxJob implements SandboxJob {

  private final String mode;
  private final boolean defaultPages;

  SalesforceSandboxJob(String mode) {
    this(mode, false);
  }

  /** @param defaultPages REST batches of 2,000 and Bulk result pages of 100,000 instead of 200 and 500 */
  private SalesforceSandboxJob(String mode, boolean defaultPages) {
    this.mode = mode;
    this.defaultPages = defaultPages;
  }

  @Override
  public String name() {
    return "salesforce-" + mode;
  }

  @Override
  public SandboxServer start(long rows, long seed, String faults) {
    return SandboxServer.start(SandboxOptions.defaults().withPlatform(SalesforceSandbox.platform())
        .withRows(0).withRows("Account", rows).withSeed(seed).withFaults(faults)
        .withSetting(SalesforceSandboxSettings.PREFIX + "batch-size", defaultPages ? "2000" : "200"));
  }

  @Override
  public String sourceBlock(SandboxServer server, Path dir) throws Exception {
    SalesforceSandboxSettings s = SalesforceSandboxSettings.from(server.options());
    Path secrets = Files.createDirectories(dir.resolve("secrets"));
    // the bench (default pages) keeps the product's first poll; tests poll the simulator's quick jobs after 200 ms
    return ("{ type: salesforce, login_host: \"%s\", bulk_page_size: " + (defaultPages ? 100_000 : 500)
        + (defaultPages ? "" : ", bulk_first_poll: 200ms") + ", auth: { type: client_credentials,"
        + " client_id: \"%s\", client_secret: \"%s\" }, http: %s }").formatted(server.baseUrl(), s.clientId(),
        NetSuiteSandboxJob.secret(secrets, "cs", s.clientSecret()), SandboxJobs.FAST_RETRY);
  }

  @Override
  public String streams() {
    return """
        - name: accounts
          primary_key: [Id]
          cursor: [SystemModstamp]
          options: { object: Account, mode: %s, include_deleted: true,
                     fields: [Id, Name, Industry, AnnualRevenue, IsDeleted, SystemModstamp] }
        """.formatted(mode);
  }

  @Override
  public String object() {
    return "Account";
  }

  @Override
  public String table() {
    return "accounts";
  }

  @Override
  public List<String> keyAndStamp() {
    return List.of("id", "system_modstamp");
  }

  @Override
  public String key(RowState row) {
    return SalesforceSchema.object("Account").id(row.index());
  }

  @Override
  public Instant stamp(RowState row) {
    return row.modifiedAt();
  }

  @Override
  public long minimumCalls(long rows) {
    // REST: one query call per 2,000-record batch; Bulk 2.0: the job's calls, create + one status poll + one results
    // page per bulk_page_size rows (the token and the describe are per-run costs, counted apart)
    return mode.equals("rest") ? (rows + 1999) / 2000 : 2 + (rows + 99_999) / 100_000;
  }

  /** token, describe, REST query, then the Bulk job's calls: list, create, polls, results pages. */
  @Override
  public String requestsByKind(SandboxServer server) {
    Map<String, Long> k = server.routes(SalesforceRoutes.class).requestsByKind();
    String[][] names = {{"token", "token"}, {"describe", "describe"}, {"query", "query"}, {"bulk-list", "list"},
        {"bulk-create", "create"}, {"bulk-poll", "polls"}, {"bulk-results", "results"}, {"other", "other"}};
    StringBuilder b = new StringBuilder();
    for (String[] n : names) {
      b.append(b.length() == 0 ? "" : " ").append(n[1]).append('=').append(k.getOrDefault(n[0], 0L));
    }
    return b.toString();
  }

  @Override
  public SandboxJob atDefaultPageSizes() {
    return new SalesforceSandboxJob(mode, true);
  }

  @Override
  public boolean softDeletes() {
    return true;
  }
}
