package io.tributary.source.netsuite;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.netsuite.NetSuiteSandbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Incremental reads on (lastmodifieddate, id) against an account in America/Los_Angeles: bounds are full local
 * timestamps with a key tie-break, so nothing is dropped at a bound that falls inside one second, and datetimes
 * come back as the exact instants the simulator stored.
 */
@Tag("sandbox")
class NetSuiteIncrementalIT {

  private static final List<String> CURSOR = List.of("lastmodifieddate");

  @Test
  void aSecondRunReadsExactlyTheChangedRowsAtTheirExactInstants() {
    try (SandboxServer sandbox = start(2_000)) {
      NetSuiteSource source = NetSuiteTestSources.source(sandbox);
      Cursor w = lastWatermark(NetSuiteTestSources.pages(source, request(Cursor.START)));
      // Ground truth: the last row (index 1999, id 2000) at the dataset's stamp for it.
      assertThat(w.get("key")).isEqualTo("2000");
      assertThat(Instant.parse(w.get("modified"))).isEqualTo(sandbox.dataset().row("customer", 1999).modifiedAt());

      Instant summer = Instant.parse("2024-07-04T19:00:05Z"); // 12:00:05 PDT, UTC-7
      sandbox.dataset().touch("customer", 100, 104, summer);
      long first = sandbox.dataset().add("customer", 3, summer);
      List<Page> second = NetSuiteTestSources.pages(source, request(w));
      List<SourceRecord> changed = NetSuiteTestSources.records(second);

      Set<Long> ids = new HashSet<>();
      changed.forEach(r -> ids.add((Long) r.fields().get("id")));
      assertThat(ids).containsExactlyInAnyOrder(101L, 102L, 103L, 104L, 105L, first + 1, first + 2, first + 3);
      assertThat(changed).hasSize(8).allSatisfy(r -> assertThat(r.fields().get("lastmodifieddate")).isEqualTo(summer));
      Cursor w2 = lastWatermark(second);
      assertThat(w2.values()).isEqualTo(Map.of("modified", summer.toString(), "key", Long.toString(first + 3)));
    }
  }

  @Test
  void aWatermarkInsideOneSecondResumesWithoutLossOrRepeat() {
    try (SandboxServer sandbox = start(2_000)) {
      NetSuiteSource source = NetSuiteTestSources.source(sandbox);
      List<SourceRecord> firstRun = new ArrayList<>();
      Cursor committed;
      try (StreamReader reader = source.open(request(Cursor.START))) {
        Page p = reader.read(Cursor.START);
        firstRun.addAll(p.records());
        p = reader.read(p.next());
        firstRun.addAll(p.records());
        committed = p.watermark();
      }
      // 7 rows share each second and pages hold 300: the bound (id 600) falls inside a second.
      long boundIndex = Long.parseLong(committed.get("key")) - 1;
      assertThat(sandbox.dataset().row("customer", boundIndex + 1).modifiedAt())
          .isEqualTo(sandbox.dataset().row("customer", boundIndex).modifiedAt());
      List<SourceRecord> rest = NetSuiteTestSources.records(NetSuiteTestSources.pages(source, request(committed)));
      Set<Long> ids = new HashSet<>();
      firstRun.forEach(r -> assertThat(ids.add((Long) r.fields().get("id"))).isTrue());
      rest.forEach(r -> assertThat(ids.add((Long) r.fields().get("id"))).as("read twice").isTrue());
      assertThat(ids).hasSize(2_000);
    }
  }

  @Test
  void aLookbackRereadsFromAFullTimestampNotADate() {
    try (SandboxServer sandbox = start(2_000)) {
      NetSuiteSource source = NetSuiteTestSources.source(sandbox);
      Cursor w = lastWatermark(NetSuiteTestSources.pages(source, request(Cursor.START)));
      ReadRequest withLookback = new ReadRequest("customers", Map.of(), List.of("id"), CURSOR, w,
          Duration.ofSeconds(10), 300);
      List<SourceRecord> again = NetSuiteTestSources.records(NetSuiteTestSources.pages(source, withLookback));
      Instant from = Instant.parse(w.get("modified")).minusSeconds(10);
      long expected = sandbox.dataset().rows("customer").filter(r -> !r.modifiedAt().isBefore(from)).count();
      // A date-only bound would re-read the whole day (all 2,000 rows); a full timestamp reads only the last 10 s.
      assertThat(again).hasSize((int) expected);
      assertThat(expected).isLessThan(100);
    }
  }

  private static SandboxServer start(long rows) {
    return SandboxServer.start(SandboxOptions.defaults().withPlatform(NetSuiteSandbox.platform()).withRows(10)
        .withRows("customer", rows));
  }

  private static ReadRequest request(Cursor watermark) {
    return NetSuiteTestSources.request("customers", List.of("id"), CURSOR, watermark, 300);
  }

  private static Cursor lastWatermark(List<Page> pages) {
    Cursor w = null;
    for (Page p : pages) {
      w = p.watermark() != null ? p.watermark() : w;
    }
    return w;
  }
}
