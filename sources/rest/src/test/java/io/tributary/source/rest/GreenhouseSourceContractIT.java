package io.tributary.source.rest;

import io.tributary.config.StreamConfig;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.greenhouse.GreenhouseRecords;
import io.tributary.sandbox.greenhouse.GreenhouseSandbox;
import io.tributary.source.SourceContract;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;

/** The shared source contract: the shipped Greenhouse definition against the Harvest simulator (candidates). */
@Tag("sandbox")
class GreenhouseSourceContractIT extends SourceContract {

  @Override
  protected SandboxPlatform platform() {
    return GreenhouseSandbox.platform();
  }

  @Override
  protected String object() {
    return "candidates";
  }

  /** 100 a page: 25 requests, so each fault rate of the contract fires on some of them. */
  @Override
  protected int pageSize() {
    return 100;
  }

  @Override
  protected Source source(SandboxServer sandbox) {
    return GreenhouseTestSources.source(sandbox);
  }

  @Override
  protected StreamConfig stream() {
    return GreenhouseTestSources.stream("candidates", "updated_at", null);
  }

  /** Harvest answers a timestamp it cannot read with a 422 validation error. */
  @Override
  protected StreamConfig brokenStream() {
    return GreenhouseTestSources.stream("candidates", "updated_at",
        Map.of("query", Map.of("created_after", "last tuesday")));
  }

  @Override
  protected String keyOf(SourceRecord record) {
    return String.valueOf(record.fields().get("id"));
  }

  @Override
  protected Set<String> expectedKeys(SandboxServer sandbox) {
    return GreenhouseTestSources.ids(sandbox, GreenhouseRecords.Kind.CANDIDATES);
  }
}
