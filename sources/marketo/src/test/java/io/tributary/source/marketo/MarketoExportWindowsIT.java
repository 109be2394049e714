package io.tributary.source.marketo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.SourceRecord;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.marketo.MarketoRecords;
import io.tributary.sandbox.marketo.MarketoSandbox;
import io.tributary.sandbox.marketo.MarketoSandboxSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** An incremental run over 45 days becomes two exports (31 days, then the rest), and reads exactly those leads. */
@Tag("sandbox")
class MarketoExportWindowsIT {

  @Test
  void aFortyFiveDayIncrementalWindowIsSplitIntoThirtyOneDayExports() {
    Instant watermark = Instant.parse("2024-01-20T00:00:00Z");
    Instant end = watermark.plus(Duration.ofDays(45));
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(MarketoSandbox.platform())
        .withRows(MarketoRecords.LEADS, 3_000).withRows(MarketoRecords.ACTIVITIES, 10));
        MarketoSource source = MarketoTestSources.source(MarketoTestSources.config(sandbox,
            MarketoSandboxSettings.CLIENT_SECRET, MarketoTestSources.START, end, null))) {
      List<Page> pages = MarketoTestSources.readPages(source, MarketoTestSources.request("leads",
          Cursor.of(MarketoExportReader.THROUGH, watermark.toString()), 400), Cursor.START);

      Instant from = watermark.plusSeconds(1);
      Instant firstEnd = from.plus(Duration.ofDays(31));
      assertThat(MarketoTestSources.routes(sandbox).exports().createdFilters()).containsExactly(
          "leads updatedAt " + from + ".." + firstEnd,
          "leads updatedAt " + firstEnd.plusSeconds(1) + ".." + end);

      Map<String, Map<String, String>> expected = MarketoTestSources.routes(sandbox).records()
          .leads("updatedAt", from, end);
      assertThat(expected).as("the window holds a good share of the 3,000 leads").hasSizeBetween(1_000, 2_000);
      List<SourceRecord> records = MarketoTestSources.records(pages);
      Map<String, Map<String, String>> read = new TreeMap<>();
      records.forEach(r -> read.put((String) r.fields().get("id"), MarketoTestSources.strings(r)));
      assertThat(records).as("no lead twice").hasSize(read.size());
      assertThat(read).isEqualTo(project(expected));
      assertThat(pages.get(pages.size() - 1).watermark()).isEqualTo(Cursor.of(MarketoExportReader.THROUGH,
          end.toString()));
    }
  }

  /** The ground truth restricted to the stream's default fields (leadSource is not among them). */
  private static Map<String, Map<String, String>> project(Map<String, Map<String, String>> rows) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    rows.forEach((id, row) -> {
      Map<String, String> m = new java.util.LinkedHashMap<>();
      for (String f : MarketoStreams.LEADS.defaultFields()) {
        m.put(f, row.get(f));
      }
      out.put(id, m);
    });
    return out;
  }
}
