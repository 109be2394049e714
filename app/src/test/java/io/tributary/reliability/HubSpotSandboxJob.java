package io.tributary.reliability;

import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.hubspot.HubSpotCatalog;
import io.tributary.sandbox.hubspot.HubSpotSandbox;
import io.tributary.sandbox.hubspot.HubSpotSandboxSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * HubSpot contacts with a private-app token in a file. The crash trial kills an incremental run, so the killed reads
 * are the search API's time windows (the full load before it uses the list endpoint).
 */
class HubSpotSandboxJob implements SandboxJob {

  private static final HubSpotCatalog.ObjectType CONTACTS = new HubSpotCatalog(2).object("contacts");

  @Override
  public String name() {
    return "hubspot";
  }

  @Override
  public SandboxServer start(long rows, long seed, String faults) {
    return SandboxServer.start(SandboxOptions.defaults().withPlatform(HubSpotSandbox.platform())
        .withRows(0).withRows("contacts", rows).withSeed(seed).withFaults(faults));
  }

  @Override
  public String sourceBlock(SandboxServer server, Path dir) throws Exception {
    Path secrets = Files.createDirectories(dir.resolve("secrets"));
    return ("{ type: hubspot, base_url: \"%s\", access_token: \"%s\", search_index_lag: 0s,"
        + " search_requests_per_second: 0, requests_per_ten_seconds: 0, http: %s }").formatted(server.baseUrl(),
        NetSuiteSandboxJob.secret(secrets, "token", HubSpotSandboxSettings.from(server.options()).privateAppToken()),
        SandboxJobs.FAST_RETRY);
  }

  @Override
  public String streams() {
    return """
        - { name: contacts, primary_key: [id], cursor: [lastmodifieddate], page_size: 100 }
        """;
  }

  @Override
  public String object() {
    return "contacts";
  }

  @Override
  public String table() {
    return "contacts";
  }

  @Override
  public List<String> keyAndStamp() {
    return List.of("id", "lastmodifieddate");
  }

  @Override
  public String key(RowState row) {
    return CONTACTS.id(row.index());
  }

  @Override
  public Instant stamp(RowState row) {
    return row.modifiedAt();
  }

  @Override
  public boolean softDeletes() {
    return false;
  }

  @Override
  public long minimumCalls(long rows) {
    return (rows + 99) / 100; // the objects list endpoint returns at most 100 per page
  }

  @Override
  public SandboxJob atDefaultPageSizes() {
    return new HubSpotSandboxJob() {
      @Override
      public String streams() {
        return "- { name: contacts, primary_key: [id], cursor: [lastmodifieddate] }\n";
      }
    };
  }

  @Override
  public boolean killIncrementalRun() {
    return true;
  }
}
