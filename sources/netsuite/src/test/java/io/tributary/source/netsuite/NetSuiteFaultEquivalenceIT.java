package io.tributary.source.netsuite;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.SourceRecord;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.netsuite.NetSuiteSandbox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The same streams read with faults {@code 429:5%,500:5%} yield exactly the records of a fault-free run. */
@Tag("sandbox")
class NetSuiteFaultEquivalenceIT {

  @Test
  void faultsChangeNothingInTheRecords() {
    for (String stream : List.of("customers", "transactions", "transaction_lines")) {
      List<Map<String, Object>> clean = read(stream, "none");
      List<Map<String, Object>> faulty = read(stream, "429:5%,500:5%,retry-after:0s");
      assertThat(clean).hasSizeGreaterThan(500);
      assertThat(faulty).as(stream).containsExactlyElementsOf(clean);
    }
    assertThat(FAULTS).anyMatch(f -> f.contains("429")).anyMatch(f -> f.contains("500"));
  }

  private static final List<String> FAULTS = new java.util.concurrent.CopyOnWriteArrayList<>();

  private static List<Map<String, Object>> read(String stream, String faults) {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults()
        .withPlatform(NetSuiteSandbox.platform()).withRows(3_000).withFaults(faults).withSeed(7))) {
      String key = stream.equals("transaction_lines") ? "uniquekey" : "id";
      String modified = stream.equals("transaction_lines") ? "linelastmodifieddate" : "lastmodifieddate";
      List<SourceRecord> records = NetSuiteTestSources.records(NetSuiteTestSources.pages(
          NetSuiteTestSources.source(sandbox),
          NetSuiteTestSources.request(stream, List.of(key), List.of(modified), Cursor.START, 50)));
      if (!faults.equals("none")) {
        FAULTS.addAll(sandbox.faultLog());
      }
      return records.stream().map(SourceRecord::fields).toList();
    }
  }
}
