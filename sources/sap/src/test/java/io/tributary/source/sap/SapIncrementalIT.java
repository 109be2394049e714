package io.tributary.source.sap;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.SourceRecord;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.sap.SapSandbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Incremental reads on a change timestamp with a key tie-break: after run 1, the sandbox touches some rows later and
 * adds rows stamped exactly at run 1's watermark timestamp (with higher keys). Run 2 must return exactly those rows,
 * including the ones that share the watermark's timestamp, for the single-key header and the composite-key items.
 */
@Tag("sandbox")
class SapIncrementalIT {

  private static final List<String> CURSOR = List.of("LastChangeDateTime");

  private static SandboxServer start() {
    return SandboxServer.start(SandboxOptions.defaults().withPlatform(SapSandbox.platform())
        .withRows("A_SalesOrder", 1_200).withRows("A_SalesOrderItem", 1_500).withRows("A_BusinessPartner", 10)
        .withSetting("sap.page-size", "200"));
  }

  @Test
  void headerRun2ReturnsExactlyTheChangedRows() {
    try (SandboxServer sandbox = start(); SapSource source = SapTestSources.basic(sandbox)) {
      Cursor wm = run(source, "A_SalesOrder", Map.of(), Cursor.START, 1_200);
      Instant wmTs = Instant.parse(wm.get("LastChangeDateTime"));
      assertThat(wm.get("SalesOrder")).isEqualTo("10001199");
      Instant later = wmTs.plus(Duration.ofHours(1));
      sandbox.dataset().touch("A_SalesOrder", 10, 14, later);
      long first = sandbox.dataset().add("A_SalesOrder", 3, wmTs);

      List<SourceRecord> run2 = SapTestSources.records(SapTestSources.pages(source,
          SapTestSources.request("A_SalesOrder", Map.of(), CURSOR, wm)));
      assertThat(keys(run2, "SalesOrder")).containsExactly(
          id(first), id(first + 1), id(first + 2), id(10), id(11), id(12), id(13), id(14));
      assertThat(run2.get(3).fields().get("LastChangeDateTime")).isEqualTo(later);
      assertThat(run2.get(0).fields().get("LastChangeDateTime")).isEqualTo(wmTs);
    }
  }

  @Test
  void compositeKeyItemsRun2ReturnsExactlyTheChangedRows() {
    Map<String, Object> options = Map.of("change_field", "LastChangeDateTime");
    try (SandboxServer sandbox = start(); SapSource source = SapTestSources.basic(sandbox)) {
      Cursor wm = run(source, "A_SalesOrderItem", options, Cursor.START, 1_500);
      // Row 1499 is order 10000499, item 30: the watermark holds both key parts.
      assertThat(wm.values()).containsEntry("SalesOrder", "10000499").containsEntry("SalesOrderItem", "30");
      Instant wmTs = Instant.parse(wm.get("LastChangeDateTime"));
      sandbox.dataset().touch("A_SalesOrderItem", 30, 32, wmTs.plus(Duration.ofMinutes(5)));
      // Rows 1500 and 1501 share the watermark's stamp: order 10000500 items 10 and 20.
      sandbox.dataset().add("A_SalesOrderItem", 2, wmTs);

      List<SourceRecord> run2 = SapTestSources.records(SapTestSources.pages(source,
          SapTestSources.request("A_SalesOrderItem", options, CURSOR, wm)));
      assertThat(run2.stream().map(r -> r.fields().get("SalesOrder") + "/" + r.fields().get("SalesOrderItem")))
          .containsExactly("10000500/10", "10000500/20", "10000010/10", "10000010/20", "10000010/30");
      // A third run from run 2's watermark finds nothing.
      Cursor wm2 = run(source, "A_SalesOrderItem", options, wm, 5);
      assertThat(SapTestSources.records(SapTestSources.pages(source,
          SapTestSources.request("A_SalesOrderItem", options, CURSOR, wm2)))).isEmpty();
    }
  }

  @Test
  void lookbackRereadsFromTheWatermarkMinusTheLookback() {
    try (SandboxServer sandbox = start(); SapSource source = SapTestSources.basic(sandbox)) {
      Cursor wm = run(source, "A_SalesOrder", Map.of(), Cursor.START, 1_200);
      Instant from = Instant.parse(wm.get("LastChangeDateTime")).minus(Duration.ofMinutes(1));
      // 7 rows share each second: 1,200 rows span 171 s, so the last minute holds rows 777..1199.
      long expected = sandbox.dataset().rows("A_SalesOrder").filter(r -> !r.modifiedAt().isBefore(from)).count();
      assertThat(expected).isEqualTo(423);
      var request = new io.tributary.core.ReadRequest("A_SalesOrder", Map.of(), List.of(), CURSOR, wm,
          Duration.ofMinutes(1), 500);
      List<SourceRecord> again = SapTestSources.records(SapTestSources.pages(source, request));
      assertThat(again).hasSize(423);
      assertThat(again.get(0).fields().get("SalesOrder")).isEqualTo(id(777));
    }
  }

  @Test
  void recordPositionsResumeExactlyInANewReader() {
    try (SandboxServer sandbox = start(); SapSource source = SapTestSources.basic(sandbox)) {
      List<Page> pages = SapTestSources.pages(source,
          SapTestSources.request("A_SalesOrder", Map.of(), CURSOR, Cursor.START));
      List<SourceRecord> all = SapTestSources.records(pages);
      SourceRecord mid = all.get(333);
      // A restart from a record position (not a page boundary) reads exactly the rest, without any skiptoken.
      List<SourceRecord> rest = SapTestSources.records(List.of(readFrom(source, mid.position())));
      assertThat(rest.get(0).fields().get("SalesOrder")).isEqualTo(all.get(334).fields().get("SalesOrder"));
      assertThat(mid.position().values().keySet()).containsExactly("LastChangeDateTime", "SalesOrder");
    }
  }

  private static Page readFrom(SapSource source, Cursor position) {
    try (var reader = source.open(SapTestSources.request("A_SalesOrder", Map.of(), CURSOR, Cursor.START))) {
      return reader.read(position);
    }
  }

  private static Cursor run(SapSource source, String stream, Map<String, Object> options, Cursor from, int rows) {
    List<Page> pages = SapTestSources.pages(source, SapTestSources.request(stream, options, CURSOR, from));
    assertThat(SapTestSources.records(pages)).hasSize(rows);
    return SapTestSources.watermark(pages);
  }

  private static List<String> keys(List<SourceRecord> records, String key) {
    return records.stream().map(r -> (String) r.fields().get(key)).toList();
  }

  private static String id(long index) {
    return Long.toString(10_000_000L + index);
  }
}
