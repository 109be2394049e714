package io.tributary.source.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.ReadRequest;
import io.tributary.core.Source;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.hubspot.HubSpotSandbox;
import io.tributary.source.FaultEquivalence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The same reads with faults 429:5%,500:5% yield exactly the records of a fault-free run, contents included. */
@Tag("sandbox")
class HubSpotFaultEquivalenceIT {

  private static final Instant CHANGED = Instant.parse("2025-02-01T10:00:00.250Z");

  /** id → (deleted flag + every field), for a full load and then an incremental read, from one sandbox. */
  private static Map<String, String> run(String faults) {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(HubSpotSandbox.platform())
        .withRows("deals", 3_000).withRows(1).withFaults(faults));
        Source source = HubSpotTestSources.oauth(sandbox)) {
      sandbox.dataset().delete("deals", 10, 29, CHANGED);
      sandbox.dataset().touch("deals", 700, 1_099, CHANGED);
      Map<String, String> out = new TreeMap<>();
      collect(source, Cursor.START, List.of(), "full:", out);
      collect(source, Cursor.of(HubSpotStreamReader.WATERMARK, Long.toString(CHANGED.toEpochMilli() - 1000)),
          List.of("hs_lastmodifieddate"), "incr:", out);
      if (!faults.equals("none")) {
        assertThat(sandbox.faultLog()).as("faults fired").anyMatch(f -> !f.equals("ok"));
      }
      return out;
    }
  }

  private static void collect(Source source, Cursor watermark, List<String> cursorFields, String prefix,
      Map<String, String> out) {
    FaultEquivalence.collect(source, new ReadRequest("deals", Map.of(), List.of("id"), cursorFields, watermark,
        Duration.ZERO, 100), "id", prefix, out);
  }

  @Test
  void faultsChangeNothingButTheNumberOfCalls() {
    Map<String, String> clean = run("none");
    Map<String, String> faulty = run("429:5%,500:5%,retry-after:0s");
    assertThat(clean.keySet().stream().filter(k -> k.startsWith("full:"))).hasSize(3_000);
    assertThat(clean.keySet().stream().filter(k -> k.startsWith("incr:"))).hasSize(420);
    assertThat(clean.values().stream().filter(v -> v.startsWith("true"))).hasSize(40);
    assertThat(faulty).isEqualTo(clean);
  }
}
