package io.tributary.source.sap;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.SourceRecord;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.sap.SapRoutes;
import io.tributary.sandbox.sap.SapSandbox;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The same streams read with faults {@code 429:5%,500:5%} yield exactly the records of a fault-free run. */
@Tag("sandbox")
class SapFaultEquivalenceIT {

  private static final List<String> FAULTS = new CopyOnWriteArrayList<>();

  @Test
  void faultsChangeNothingInTheRecords() {
    for (String stream : List.of("A_SalesOrder", "A_SalesOrderItem", "A_BusinessPartner")) {
      List<Map<String, Object>> clean = read(stream, "none");
      List<Map<String, Object>> faulty = read(stream, "429:5%,500:5%,retry-after:0s");
      assertThat(clean).as(stream).hasSize(3_000);
      assertThat(faulty).as(stream).containsExactlyElementsOf(clean);
    }
    assertThat(FAULTS).anyMatch(f -> f.contains("429")).anyMatch(f -> f.contains("500"));
  }

  /**
   * With every page request drawing {@code malformed}, the simulator alternates a garbled value and a body cut off
   * mid-JSON: 3 pages take 5 requests (each cut page is read again), and every order arrives exactly once.
   */
  @Test
  void aPageCutOffMidJsonIsReadAgainNeverHalfLoaded() {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(SapSandbox.platform())
        .withRows(300).withFaults("malformed:100%").withSeed(7).withSetting("sap.page-size", "100"));
        SapSource source = SapTestSources.basic(sandbox)) {
      List<SourceRecord> records = SapTestSources.records(SapTestSources.pages(source,
          SapTestSources.request("A_SalesOrder", Map.of(), List.of("LastChangeDateTime"), Cursor.START)));
      assertThat(records.stream().map(r -> r.fields().get("SalesOrder")).toList())
          .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 300).mapToObj(i -> Long.toString(10_000_000 + i))
              .toList());
      assertThat(sandbox.routes(SapRoutes.class).pages()).isEqualTo(5);
    }
  }

  private static List<Map<String, Object>> read(String stream, String faults) {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(SapSandbox.platform())
        .withRows(3_000).withFaults(faults).withSeed(7).withSetting("sap.page-size", "100"));
        SapSource source = SapTestSources.basic(sandbox)) {
      List<String> cursor = stream.equals("A_SalesOrder") ? List.of("LastChangeDateTime") : List.of();
      List<SourceRecord> records = SapTestSources.records(SapTestSources.pages(source,
          SapTestSources.request(stream, Map.of(), cursor, Cursor.START)));
      if (!faults.equals("none")) {
        FAULTS.addAll(sandbox.faultLog());
      }
      return records.stream().map(SourceRecord::fields).toList();
    }
  }
}
