package io.tributary.source.workday;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.StreamConfig;
import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.workday.WorkdayRoutes;
import io.tributary.sandbox.workday.WorkdaySandbox;
import io.tributary.sandbox.workday.WorkdaySandboxSettings;
import io.tributary.source.SourceContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shared source contract against the Workday simulator, as an ISU. Two cases differ because RaaS does: a report
 * is one answer (no page, so no mid-stream cursor to resume from), and its values are all text (a corrupted value is
 * kept as text, never dropped).
 */
@Tag("sandbox")
class WorkdaySourceContractIT extends SourceContract {

  @Override
  protected SandboxPlatform platform() {
    return WorkdaySandbox.platform();
  }

  @Override
  protected String object() {
    return WorkdaySandboxSettings.OBJECT;
  }

  @Override
  protected Source source(SandboxServer sandbox) {
    return WorkdayTestSources.source(sandbox, WorkdaySandboxSettings.ISU_PASSWORD);
  }

  @Override
  protected StreamConfig stream() {
    return new StreamConfig("workers", null, List.of("Employee_ID"), List.of(), "0s", null, null,
        WorkdayTestSources.REPORT, null, null, null);
  }

  @Override
  protected StreamConfig brokenStream() {
    return new StreamConfig("workers", null, List.of("Employee_ID"), List.of(), "0s", null, null,
        Map.of("owner", WorkdaySandboxSettings.OWNER, "report", "No_Such_Report"), null, null, null);
  }

  @Override
  protected String keyOf(SourceRecord record) {
    return (String) record.fields().get("Employee_ID");
  }

  @Override
  protected Set<String> expectedKeys(SandboxServer sandbox) {
    return sandbox.dataset().rows(WorkdaySandboxSettings.OBJECT).map(r -> (String) WorkdayRoutes.entry(r)
        .get("Employee_ID")).collect(Collectors.toSet());
  }

  /** RaaS answers the whole report at once: the first page is the last and holds every row. */
  @Test
  @Override
  protected void resumesFromACursorSavedMidStream() {
    try (SandboxServer sandbox = start(rows(), "none");
        Source source = source(sandbox);
        StreamReader reader = source.open(request(stream()))) {
      Page page = reader.read(Cursor.START);
      assertThat(page.done()).isTrue();
      assertThat(page.records().stream().map(this::keyOf).collect(Collectors.toSet()))
          .isEqualTo(expectedKeys(sandbox));
    }
  }

  /** Every value is text: the corrupted salary arrives as the text Workday sent, and no row is lost. */
  @Test
  @Override
  protected void aMalformedRecordIsQuarantinedNeverDropped() {
    try (SandboxServer sandbox = start(rows(), "malformed:100%");
        Source source = source(sandbox)) {
      List<SourceRecord> records = readAll(source, stream(), Cursor.START);
      assertThat(records).hasSize(expectedKeys(sandbox).size());
      assertThat(records).anyMatch(r -> "85,000.00x".equals(r.fields().get("Annual_Salary")));
    }
  }

  /** One call per read: ten reads, so the seeded faults fire; every read is complete. */
  private void readsCompleteDespite(String faults, String status) {
    try (SandboxServer sandbox = start(rows(), faults);
        Source source = source(sandbox)) {
      for (int i = 0; i < 10; i++) {
        List<SourceRecord> records = readAll(source, stream(), Cursor.START);
        assertThat(records.stream().map(this::keyOf).collect(Collectors.toSet())).isEqualTo(expectedKeys(sandbox));
        assertThat(records).hasSize(expectedKeys(sandbox).size());
      }
      assertThat(sandbox.faultLog()).anyMatch(f -> f.contains(status));
    }
  }

  @Test
  @Override
  protected void a429WithRetryAfterIsRetried() {
    readsCompleteDespite("429:25%", "429");
  }

  @Test
  @Override
  protected void a5xxBurstIsRetried() {
    readsCompleteDespite("500:15%,503:15%,retry-after:0s", "50");
  }
}
