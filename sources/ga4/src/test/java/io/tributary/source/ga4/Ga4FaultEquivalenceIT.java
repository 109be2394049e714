package io.tributary.source.ga4;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.ga4.Ga4Property;
import io.tributary.sandbox.ga4.Ga4Sandbox;
import io.tributary.sandbox.ga4.Ga4SandboxSettings;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The same report read with faults {@code 429:5%,500:5%} yields exactly the rows of a fault-free read. */
@Tag("sandbox")
class Ga4FaultEquivalenceIT {

  private static Map<String, String> run(String faults) {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(Ga4Sandbox.platform())
        .withRows(Ga4SandboxSettings.ROWS_OBJECT, 60 * Ga4Property.TUPLES_PER_DAY).withFaults(faults));
        Ga4Source source = Ga4TestSources.source(sandbox, 0)) {
      Map<String, String> out = new TreeMap<>();
      Ga4TestSources.read(source, Ga4TestSources.REPORT, Cursor.START, 50).records()
          .forEach(r -> assertThat(out.put(Ga4TestSources.key(r.fields()), Ga4TestSources.value(r)))
              .as("row read twice").isNull());
      if (!faults.equals("none")) {
        assertThat(sandbox.faultLog()).as("faults fired").anyMatch(f -> !f.equals("ok"));
      }
      assertThat(out).isEqualTo(Ga4TestSources.truth(sandbox));
      return out;
    }
  }

  @Test
  void faultsChangeNothingButTheNumberOfCalls() {
    Map<String, String> clean = run("none");
    assertThat(clean).hasSize(60 * Ga4Property.TUPLES_PER_DAY);
    assertThat(run("429:5%,500:5%,retry-after:0s")).isEqualTo(clean);
  }
}
