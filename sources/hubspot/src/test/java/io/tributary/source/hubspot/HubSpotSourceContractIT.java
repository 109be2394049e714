package io.tributary.source.hubspot;

import io.tributary.config.StreamConfig;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.hubspot.HubSpotSandbox;
import io.tributary.source.SourceContract;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The shared source contract against the HubSpot simulator, authenticated with OAuth refresh (tokens expire). */
class HubSpotSourceContractIT extends SourceContract {

  @Override
  protected SandboxPlatform platform() {
    return HubSpotSandbox.platform();
  }

  @Override
  protected String object() {
    return "contacts";
  }

  @Override
  protected Source source(SandboxServer sandbox) {
    return HubSpotTestSources.oauth(sandbox);
  }

  @Override
  protected StreamConfig stream() {
    return HubSpotTestSources.stream("contacts", List.of(), null);
  }

  @Override
  protected StreamConfig brokenStream() {
    return HubSpotTestSources.stream("contacts", List.of(), Map.of("properties", List.of("firstname", "no_such")));
  }

  @Override
  protected String keyOf(SourceRecord record) {
    return (String) record.fields().get("id");
  }

  @Override
  protected Set<String> expectedKeys(SandboxServer sandbox) {
    return HubSpotTestSources.ids(sandbox, "contacts", r -> !r.deleted());
  }
}
