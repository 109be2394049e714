package io.tributary.source.dynamics;

import io.tributary.config.StreamConfig;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.dynamics.DynamicsSandbox;
import io.tributary.source.SourceContract;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The shared source contract against the Dataverse simulator, signed in with client credentials (tokens expire). */
class DynamicsSourceContractIT extends SourceContract {

  @Override
  protected SandboxPlatform platform() {
    return DynamicsSandbox.platform();
  }

  @Override
  protected String object() {
    return "account";
  }

  @Override
  protected Source source(SandboxServer sandbox) {
    return DynamicsTestSources.source(sandbox, "drop");
  }

  @Override
  protected StreamConfig stream() {
    return DynamicsTestSources.stream("account", List.of(), null);
  }

  @Override
  protected StreamConfig brokenStream() {
    return DynamicsTestSources.stream("account", List.of(), Map.of("select", List.of("name", "no_such")));
  }

  /**
   * 100 rows a page (25 pages), so the malformed case sees enough requests: with the contract's 500 (8 requests in
   * all) the seeded fault sequence draws no {@code malformed} at all and the case could not fail for the right reason.
   */
  @Override
  protected int pageSize() {
    return 100;
  }

  @Override
  protected String keyOf(SourceRecord record) {
    return (String) record.fields().get("accountid");
  }

  @Override
  protected Set<String> expectedKeys(SandboxServer sandbox) {
    return DynamicsTestSources.ids(sandbox, "account", r -> !r.deleted());
  }
}
