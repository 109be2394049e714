package io.tributary.reliability;

import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.salesforce.SalesforceSandbox;
import io.tributary.sandbox.salesforce.SalesforceSandboxSettings;
import io.tributary.sandbox.salesforce.SalesforceSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Salesforce Accounts through REST (SOQL keyset pages, nextRecordsUrl) or Bulk API 2.0, include_deleted (soft
 * deletes), client-credentials login against the simulator with the secret in a file.
 */
final class SalesforceSandboxJob implements SandboxJob {

  private final String mode;

  SalesforceSandboxJob(String mode) {
    this.mode = mode;
  }

  @Override
  public String name() {
    return "salesforce-" + mode;
  }

  @Override
  public SandboxServer start(long rows, long seed, String faults) {
    return SandboxServer.start(SandboxOptions.defaults().withPlatform(SalesforceSandbox.platform())
        .withRows(0).withRows("Account", rows).withSeed(seed).withFaults(faults)
        .withSetting(SalesforceSandboxSettings.PREFIX + "batch-size", "200"));
  }

  @Override
  public String sourceBlock(SandboxServer server, Path dir) throws Exception {
    SalesforceSandboxSettings s = SalesforceSandboxSettings.from(server.options());
    Path secrets = Files.createDirectories(dir.resolve("secrets"));
    return ("{ type: salesforce, login_host: \"%s\", bulk_page_size: 500, auth: { type: client_credentials,"
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
  public boolean softDeletes() {
    return true;
  }
}
