package io.tributary.reliability;

import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.sap.SapSandbox;
import io.tributary.sandbox.sap.SapSandboxSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * SAP S/4HANA sales order headers through OData v2 ({@code API_SALES_ORDER_SRV/A_SalesOrder}), incremental on
 * {@code LastChangeDateTime}: every read is {@code $orderby=LastChangeDateTime asc,SalesOrder asc} with a
 * {@code $filter} strictly after the saved (timestamp, key) position, following the server's {@code __next} pages.
 * OAuth 2.0 client credentials (so access tokens can expire), id and secret in files.
 */
final class SapSandboxJob implements SandboxJob {

  /** The simulator's (and S/4HANA's) sales order numbers: 10-digit strings from 10000000 up, in row order. */
  private static final long FIRST_SALES_ORDER = 10_000_000L;

  private final boolean killIncremental;
  private final int serverPageSize;

  /**
   * @param killIncremental the crash trial first loads everything, then kills the {@code $filter} run that follows
   * @param serverPageSize entities per server-driven page (the simulator's {@code sap.page-size})
   */
  SapSandboxJob(boolean killIncremental, int serverPageSize) {
    this.killIncremental = killIncremental;
    this.serverPageSize = serverPageSize;
  }

  @Override
  public String name() {
    return killIncremental ? "sap-incremental" : "sap";
  }

  @Override
  public SandboxServer start(long rows, long seed, String faults) {
    return SandboxServer.start(SandboxOptions.defaults().withPlatform(SapSandbox.platform())
        .withRows(0).withRows("A_SalesOrder", rows).withSeed(seed).withFaults(faults)
        .withSetting(SapSandboxSettings.PREFIX + "page-size", Integer.toString(serverPageSize)));
  }

  @Override
  public String sourceBlock(SandboxServer server, Path dir) throws Exception {
    SapSandboxSettings s = SapSandboxSettings.from(server.options());
    Path secrets = Files.createDirectories(dir.resolve("secrets"));
    return ("{ type: sap, base_url: \"%s\", odata_version: v2, client_id: \"%s\", client_secret: \"%s\","
        + " token_url: \"%s\", http: %s }").formatted(server.baseUrl() + SapSandboxSettings.ROOT,
        NetSuiteSandboxJob.secret(secrets, "ci", s.clientId()), NetSuiteSandboxJob.secret(secrets, "cs",
        s.clientSecret()), server.baseUrl() + SapSandboxSettings.TOKEN_PATH, SandboxJobs.FAST_RETRY);
  }

  @Override
  public String streams() {
    return "- { name: A_SalesOrder, primary_key: [SalesOrder], cursor: [LastChangeDateTime] }\n";
  }

  @Override
  public String object() {
    return "A_SalesOrder";
  }

  @Override
  public String table() {
    return "a_sales_order";
  }

  @Override
  public List<String> keyAndStamp() {
    return List.of("sales_order", "last_change_date_time");
  }

  @Override
  public String key(RowState row) {
    return Long.toString(FIRST_SALES_ORDER + row.index());
  }

  @Override
  public Instant stamp(RowState row) {
    return row.modifiedAt().truncatedTo(ChronoUnit.MILLIS); // /Date(ms+0000)/ carries milliseconds
  }

  @Override
  public boolean softDeletes() {
    return false; // a $filter on the change stamp cannot see a deleted order
  }

  @Override
  public long minimumCalls(long rows) {
    // V2 pages are server-driven; the simulator (docs/sources/sap.md) serves 1,000 entities per page by default.
    return (rows + 999) / 1000;
  }

  @Override
  public SandboxJob atDefaultPageSizes() {
    return new SapSandboxJob(killIncremental, 1000);
  }

  @Override
  public boolean killIncrementalRun() {
    return killIncremental;
  }
}
