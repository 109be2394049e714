package io.tributary.source.marketo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.SourceRecord;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.marketo.MarketoRecords;
import io.tributary.sandbox.marketo.MarketoSandbox;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The same reads with faults {@code 429:5%,500:5%} (arriving as Marketo's 606 and 611 bodies with HTTP 200) and
 * expiring tokens yield exactly the records of a fault-free run, contents included: a full read of leads and
 * activities, then an incremental read of leads after changes.
 */
@Tag("sandbox")
class MarketoFaultEquivalenceIT {

  private static final Instant CHANGED = Instant.parse("2024-04-10T10:00:00Z");

  private static Map<String, String> run(String faults) {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(MarketoSandbox.platform())
        .withRows(MarketoRecords.LEADS, 2_000).withRows(MarketoRecords.ACTIVITIES, 3_000).withFaults(faults));
        MarketoSource source = MarketoTestSources.source(sandbox)) {
      Map<String, String> out = new TreeMap<>();
      collect(source, "leads", Cursor.START, "full:", out);
      collect(source, "activities", Cursor.START, "act:", out);
      sandbox.dataset().touch(MarketoRecords.LEADS, 100, 399, CHANGED);
      sandbox.dataset().delete(MarketoRecords.LEADS, 500, 509, CHANGED);
      collect(source, "leads", Cursor.of(MarketoExportReader.THROUGH, "2024-04-05T00:00:00Z"), "incr:", out);
      if (!faults.equals("none")) {
        assertThat(sandbox.faultLog()).as("faults fired").anyMatch(f -> !f.equals("ok"));
      }
      return out;
    }
  }

  private static void collect(MarketoSource source, String stream, Cursor watermark, String prefix,
      Map<String, String> out) {
    String key = stream.equals("leads") ? "id" : "marketoGUID";
    for (SourceRecord r : MarketoTestSources.records(MarketoTestSources.readPages(source,
        MarketoTestSources.request(stream, watermark, 700), Cursor.START))) {
      String previous = out.put(prefix + r.fields().get(key), new TreeMap<>(r.fields()).toString());
      assertThat(previous).as("record read twice").isNull();
    }
  }

  @Test
  void faultsChangeNothingButTheNumberOfCalls() {
    Map<String, String> clean = run("none");
    Map<String, String> faulty = run("429:5%,500:5%,expire-token-after:300s,retry-after:0s");
    assertThat(clean.keySet().stream().filter(k -> k.startsWith("full:"))).hasSize(2_000);
    assertThat(clean.keySet().stream().filter(k -> k.startsWith("act:"))).hasSize(3_000);
    assertThat(clean.keySet().stream().filter(k -> k.startsWith("incr:"))).as("the 300 touched leads")
        .hasSize(300);
    assertThat(faulty).isEqualTo(clean);
  }
}
