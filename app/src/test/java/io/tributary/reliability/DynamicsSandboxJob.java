package io.tributary.reliability;

import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.dynamics.DynamicsCatalog;
import io.tributary.sandbox.dynamics.DynamicsSandbox;
import io.tributary.sandbox.dynamics.DynamicsSandboxSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Dataverse accounts, change-tracked ({@code cursor: [modifiedon]}): the first run reads every page with
 * {@code Prefer: odata.track-changes} and stores the final {@code @odata.deltaLink}; later runs follow it and get the
 * changed rows, deleted ones as {@code $deletedEntity} tombstones (soft deletes keyed by {@code accountid}). Entra ID
 * client credentials against the simulator's token endpoint, the secret in a file.
 */
final class DynamicsSandboxJob implements SandboxJob {

  private static final DynamicsCatalog.Table ACCOUNT = DynamicsCatalog.byLogicalName("account");

  private final boolean killDelta;
  private final int pageSize;

  /**
   * @param killDelta the crash trial first loads everything, then kills the delta-link run that follows
   * @param pageSize {@code odata.maxpagesize} asked per page (5,000 is the Web API maximum)
   */
  DynamicsSandboxJob(boolean killDelta, int pageSize) {
    this.killDelta = killDelta;
    this.pageSize = pageSize;
  }

  @Override
  public String name() {
    return killDelta ? "dynamics-delta" : "dynamics";
  }

  @Override
  public SandboxServer start(long rows, long seed, String faults) {
    return SandboxServer.start(SandboxOptions.defaults().withPlatform(DynamicsSandbox.platform())
        .withRows(0).withRows("account", rows).withSeed(seed).withFaults(faults));
  }

  @Override
  public String sourceBlock(SandboxServer server, Path dir) throws Exception {
    Path secrets = Files.createDirectories(dir.resolve("secrets"));
    // authority_url is the simulator too: it answers Entra ID's /{tenant}/oauth2/v2.0/token.
    return ("{ type: dynamics365, org_url: \"%s\", authority_url: \"%s\", tenant_id: \"%s\", client_id: \"%s\","
        + " client_secret: \"%s\", page_size: 5000, requests_per_five_minutes: 0, http: %s }").formatted(
        server.baseUrl(), server.baseUrl(), DynamicsSandboxSettings.TENANT_ID, DynamicsSandboxSettings.CLIENT_ID,
        NetSuiteSandboxJob.secret(secrets, "cs", DynamicsSandboxSettings.CLIENT_SECRET), SandboxJobs.FAST_RETRY);
  }

  @Override
  public String streams() {
    return "- { name: account, primary_key: [accountid], cursor: [modifiedon], page_size: " + pageSize + " }\n";
  }

  @Override
  public String object() {
    return "account";
  }

  @Override
  public String table() {
    return "account";
  }

  @Override
  public List<String> keyAndStamp() {
    return List.of("accountid", "modifiedon");
  }

  @Override
  public String key(RowState row) {
    return ACCOUNT.id(row.index());
  }

  @Override
  public Instant stamp(RowState row) {
    return row.modifiedAt().truncatedTo(ChronoUnit.SECONDS); // the Web API writes datetimes without a fraction
  }

  @Override
  public boolean softDeletes() {
    return true;
  }

  @Override
  public boolean tombstoneDeletes() {
    return true;
  }

  @Override
  public long minimumCalls(long rows) {
    return (rows + 4999) / 5000; // Prefer: odata.maxpagesize is capped at 5,000 rows per page
  }

  @Override
  public SandboxJob atDefaultPageSizes() {
    return new DynamicsSandboxJob(killDelta, 5000);
  }

  @Override
  public boolean killIncrementalRun() {
    return killDelta;
  }
}
