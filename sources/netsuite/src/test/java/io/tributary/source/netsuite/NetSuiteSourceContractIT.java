package io.tributary.source.netsuite;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.StreamConfig;
import io.tributary.core.Cursor;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.netsuite.NetSuiteSandbox;
import io.tributary.source.SourceContract;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The shared source contract against the NetSuite simulator (customers, 2,500 rows, pages of 500). */
@Tag("sandbox")
class NetSuiteSourceContractIT extends SourceContract {

  @Override
  protected SandboxPlatform platform() {
    return NetSuiteSandbox.platform();
  }

  /** Pages of 100: the malformed fault corrupts one value per response, so more responses give it more chances. */
  @Override
  protected int pageSize() {
    return 100;
  }

  @Override
  protected String object() {
    return "customer";
  }

  @Override
  protected Source source(SandboxServer sandbox) {
    return NetSuiteTestSources.source(sandbox);
  }

  @Override
  protected StreamConfig stream() {
    return NetSuiteTestSources.stream("customers", List.of("id"), List.of(), Map.of());
  }

  @Override
  protected StreamConfig brokenStream() {
    return NetSuiteTestSources.stream("customers", List.of("id"), List.of(), Map.of("where", "subsidiary = 1"));
  }

  @Override
  protected String keyOf(SourceRecord record) {
    return String.valueOf(record.fields().get("id"));
  }

  @Override
  protected Set<String> expectedKeys(SandboxServer sandbox) {
    return sandbox.dataset().rows("customer").filter(r -> !r.deleted())
        .map(r -> Long.toString(r.index() + 1)).collect(Collectors.toSet());
  }

  /**
   * TBA access tokens do not expire (they are revoked, not timed out), so the sandbox's token lifetime does not
   * apply. What can go stale is a signature: every attempt must be signed anew with a fresh nonce, or NetSuite
   * refuses the replay. This reads with 429s injected (so retries happen) after advancing the clock, against a
   * sandbox that rejects a reused nonce or a stale signature with 401: the read must still be complete. (The
   * contract's own expired-token case is package-private, so it cannot be overridden here; it runs and passes
   * trivially because the simulator's TBA check ignores the token lifetime.)
   */
  @Test
  void tbaSignaturesAreFreshOnEveryAttempt() {
    try (SandboxServer sandbox = start(rows(), "429:30%");
        Source source = source(sandbox)) {
      sandbox.clock().advance(Duration.ofHours(5));
      List<SourceRecord> all = readAll(source, stream(), Cursor.START);
      assertThat(all.stream().map(this::keyOf).collect(Collectors.toSet()))
          .containsExactlyInAnyOrderElementsOf(expectedKeys(sandbox));
      assertThat(all).hasSize(expectedKeys(sandbox).size());
      assertThat(sandbox.faultLog()).anyMatch(f -> f.contains("429"));
    }
  }
}
