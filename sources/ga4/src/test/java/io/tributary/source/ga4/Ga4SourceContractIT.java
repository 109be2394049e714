package io.tributary.source.ga4;

import io.tributary.config.StreamConfig;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.ga4.Ga4Sandbox;
import io.tributary.sandbox.ga4.Ga4SandboxSettings;
import io.tributary.source.SourceContract;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;

/** The shared source contract against the GA4 simulator, signed in with a service-account JWT (tokens expire). */
@Tag("sandbox")
class Ga4SourceContractIT extends SourceContract {

  @Override
  protected SandboxPlatform platform() {
    return Ga4Sandbox.platform();
  }

  @Override
  protected String object() {
    return Ga4SandboxSettings.ROWS_OBJECT;
  }

  @Override
  protected Source source(SandboxServer sandbox) {
    return Ga4TestSources.source(sandbox, 0);
  }

  @Override
  protected StreamConfig stream() {
    return Ga4TestSources.stream(Ga4TestSources.REPORT);
  }

  @Override
  protected StreamConfig brokenStream() {
    return Ga4TestSources.stream(Ga4TestSources.with(Ga4TestSources.REPORT, "metrics", List.of("noSuchMetric")));
  }

  /** 100 rows a page, so the malformed case draws its fault on some of the ~25 calls. */
  @Override
  protected int pageSize() {
    return 100;
  }

  @Override
  protected String keyOf(SourceRecord record) {
    return Ga4TestSources.key(record.fields());
  }

  @Override
  protected Set<String> expectedKeys(SandboxServer sandbox) {
    return Ga4TestSources.truth(sandbox).keySet();
  }
}
