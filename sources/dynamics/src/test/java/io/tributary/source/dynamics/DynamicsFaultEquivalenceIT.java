package io.tributary.source.dynamics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.dynamics.DynamicsSandbox;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The same change-tracked reads (a full load, then a delta with touched, added and deleted rows) with faults
 * {@code 429:5%,500:5%} yield exactly the records of a fault-free run, contents and delete flags included.
 */
@Tag("sandbox")
class DynamicsFaultEquivalenceIT {

  // One fixed instant for both runs (so modifiedon values match), two days ahead: delta tokens stay young.
  private static final Instant CHANGED = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(2));

  private static Map<String, String> run(String faults) {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(DynamicsSandbox.platform())
        .withRows("account", 3_000).withRows(1).withFaults(faults));
        Source source = DynamicsTestSources.source(sandbox, "keep")) {
      Map<String, String> out = new TreeMap<>();
      DynamicsReads.Result full = DynamicsReads.tracked(source, "account", io.tributary.core.Cursor.START, 100);
      collect(full, "full:", out);
      sandbox.clock().advance(Duration.between(sandbox.clock().now(), CHANGED));
      sandbox.dataset().delete("account", 10, 29, CHANGED);
      sandbox.dataset().touch("account", 700, 1_099, CHANGED);
      sandbox.dataset().add("account", 15, CHANGED);
      sandbox.clock().advance(Duration.ofMinutes(1));
      collect(DynamicsReads.tracked(source, "account", full.watermark(), 100), "delta:", out);
      if (!faults.equals("none")) {
        assertThat(sandbox.faultLog()).as("faults fired").anyMatch(f -> !f.equals("ok"));
      }
      return out;
    }
  }

  private static void collect(DynamicsReads.Result r, String prefix, Map<String, String> out) {
    for (SourceRecord rec : r.records()) {
      String previous = out.put(prefix + rec.fields().get("accountid"), rec.deleted() + " "
          + new TreeMap<>(rec.fields()));
      assertThat(previous).as("record read twice").isNull();
    }
  }

  /**
   * With every API call drawing {@code malformed}, the simulator alternates a record with an impossible date and a
   * body cut off mid-JSON; each cut body is read again, so every account arrives exactly once.
   */
  @Test
  void aPageCutOffMidJsonIsReadAgainNeverHalfLoaded() {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(DynamicsSandbox.platform())
        .withRows("account", 300).withRows(1).withFaults("malformed:100%"));
        Source source = DynamicsTestSources.source(sandbox, "drop")) {
      DynamicsReads.Result r = DynamicsReads.tracked(source, "account", io.tributary.core.Cursor.START, 100);
      assertThat(r.records().stream().map(rec -> rec.fields().get("accountid")).toList())
          .containsExactlyInAnyOrderElementsOf(DynamicsTestSources.ids(sandbox, "account", row -> true));
      assertThat(r.pages()).isEqualTo(3);
      // token (not drawn for truncation), 2 definition calls and 3 pages, plus one re-read per cut body
      assertThat(sandbox.faultLog().size()).isGreaterThanOrEqualTo(6 + 2);
    }
  }

  @Test
  void faultsChangeNothingButTheNumberOfCalls() {
    Map<String, String> clean = run("none");
    Map<String, String> faulty = run("429:5%,500:5%,retry-after:0s");
    assertThat(clean.keySet().stream().filter(k -> k.startsWith("full:"))).hasSize(3_000);
    assertThat(clean.keySet().stream().filter(k -> k.startsWith("delta:"))).hasSize(20 + 400 + 15);
    assertThat(clean.values().stream().filter(v -> v.startsWith("true"))).hasSize(20);
    assertThat(clean.values().stream().filter(v -> v.contains("revenue_formatted=$"))).isNotEmpty();
    assertThat(faulty).isEqualTo(clean);
  }
}
