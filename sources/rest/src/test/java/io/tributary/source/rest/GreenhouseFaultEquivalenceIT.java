package io.tributary.source.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.ReadRequest;
import io.tributary.core.Source;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.greenhouse.GreenhouseSandbox;
import io.tributary.source.FaultEquivalence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The same reads with faults {@code 429:5%,500:5%} yield exactly the records of a fault-free run, contents included:
 * a full read of applications, then an incremental read after the simulator changed 300 of them.
 */
@Tag("sandbox")
class GreenhouseFaultEquivalenceIT {

  private static final Instant CHANGED = Instant.parse("2025-03-01T10:00:00.250Z");

  private static Map<String, String> run(String faults) {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults()
        .withPlatform(GreenhouseSandbox.platform()).withRows("applications", 3_000).withRows(1).withFaults(faults));
        Source source = GreenhouseTestSources.source(sandbox)) {
      Map<String, String> out = new TreeMap<>();
      collect(source, Cursor.START, "full:", out);
      sandbox.dataset().touch("applications", 700, 999, CHANGED);
      collect(source, Cursor.of("last_activity_at", "2025-03-01T10:00:00.000Z"), "incr:", out);
      if (!faults.equals("none")) {
        assertThat(sandbox.faultLog()).as("faults fired").anyMatch(f -> !f.equals("ok"));
      }
      return out;
    }
  }

  private static void collect(Source source, Cursor watermark, String prefix, Map<String, String> out) {
    FaultEquivalence.collect(source, new ReadRequest("applications", Map.of(), List.of("id"),
        List.of("last_activity_at"), watermark, Duration.ZERO, 100), "id", prefix, out);
  }

  @Test
  void faultsChangeNothingButTheNumberOfCalls() {
    Map<String, String> clean = run("none");
    Map<String, String> faulty = run("429:5%,500:5%,retry-after:0s");
    assertThat(clean.keySet().stream().filter(k -> k.startsWith("full:"))).hasSize(3_000);
    assertThat(clean.keySet().stream().filter(k -> k.startsWith("incr:"))).hasSize(300);
    assertThat(faulty).isEqualTo(clean);
  }
}
