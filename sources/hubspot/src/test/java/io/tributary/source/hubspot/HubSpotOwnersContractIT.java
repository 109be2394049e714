package io.tributary.source.hubspot;

import io.tributary.config.StreamConfig;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.hubspot.HubSpotOwners;
import io.tributary.sandbox.hubspot.HubSpotSandbox;
import io.tributary.source.SourceContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The shared source contract for the {@code owners} stream (Owners API, 500 a page), with OAuth refresh; archived
 * owners are read too (the default).
 */
class HubSpotOwnersContractIT extends SourceContract {

  @Override
  protected SandboxPlatform platform() {
    return HubSpotSandbox.platform();
  }

  @Override
  protected String object() {
    return "owners";
  }

  /**
   * 12,000 owners, far more than a portal has: 25 pages of 500. The fault draws are seeded, and with the default seed
   * the first "malformed" answer is the 23rd request; fewer pages would leave the malformed-record test nothing to
   * quarantine.
   */
  @Override
  protected long rows() {
    return 12_000;
  }

  @Override
  protected Source source(SandboxServer sandbox) {
    return HubSpotTestSources.oauth(sandbox);
  }

  @Override
  protected StreamConfig stream() {
    return HubSpotTestSources.stream("owners", List.of(), null);
  }

  @Override
  protected StreamConfig brokenStream() {
    return HubSpotTestSources.stream("owners", List.of(), Map.of("properties", List.of("email")));
  }

  @Override
  protected String keyOf(SourceRecord record) {
    return (String) record.fields().get("id");
  }

  @Override
  protected Set<String> expectedKeys(SandboxServer sandbox) {
    return sandbox.dataset().rows("owners").map(r -> HubSpotOwners.TYPE.id(r.index())).collect(Collectors.toSet());
  }
}
