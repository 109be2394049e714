package io.tributary.source.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.StreamConfig;
import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.bamboohr.BambooHrSandbox;
import io.tributary.source.SourceContract;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shared source contract for the bamboohr definition, on its incremental stream {@code employee_changes} (GET
 * employees/changed?since=). Keys and stamps expected come from the simulator's dataset.
 */
@Tag("sandbox")
class BambooHrSourceContractIT extends SourceContract {

  @Override
  protected SandboxPlatform platform() {
    return BambooHrSandbox.platform();
  }

  @Override
  protected String object() {
    return "employees";
  }

  @Override
  protected Source source(SandboxServer sandbox) {
    return BambooHrSources.source(sandbox);
  }

  @Override
  protected StreamConfig stream() {
    return ShippedSources.stream("employee_changes", List.of("id"), List.of("lastChanged"), null);
  }

  /** The API refuses a time-off window that is no date: 400, a CONFIG error with the definition's fix. */
  @Override
  protected StreamConfig brokenStream() {
    return ShippedSources.stream("time_off_requests", List.of("id"), List.of(),
        Map.of("query", Map.of("start", "2024-13-01")));
  }

  @Override
  protected String keyOf(SourceRecord record) {
    return String.valueOf(record.fields().get("id"));
  }

  @Override
  protected Set<String> expectedKeys(SandboxServer sandbox) {
    return sandbox.dataset().rows("employees").map(s -> Long.toString(s.index() + 1)).collect(Collectors.toSet());
  }

  /** The employees stream's columns come from the custom report's own field list, with BambooHR's types mapped. */
  @Test
  void theEmployeesColumnsComeFromTheReportsFieldList() {
    try (SandboxServer sandbox = start(rows(), "none");
        Source source = source(sandbox)) {
      var schema = source.discover("employees", Map.of());
      assertThat(schema.columnNames()).startsWith("id", "lastChanged", "employeeNumber", "firstName");
      assertThat(schema.column("hireDate").orElseThrow().type()).isEqualTo(io.tributary.core.ColumnType.DATE);
      assertThat(schema.column("supervisorEId").orElseThrow().type())
          .isEqualTo(io.tributary.core.ColumnType.INTEGER);
      assertThat(schema.column("lastChanged").orElseThrow().type())
          .isEqualTo(io.tributary.core.ColumnType.TIMESTAMP);
      assertThat(schema.column("jobTitle").orElseThrow().type()).isEqualTo(io.tributary.core.ColumnType.STRING);
    }
  }

  /**
   * With one request per read, a fault rate is a chance per read: the contract's fault tests read until the fault
   * fired (the seeded sequence makes that the same read every time), and every read must be complete.
   */
  private void readsCompleteUntil(String faults, String fault, boolean quarantines) {
    try (SandboxServer sandbox = start(rows(), faults);
        Source source = source(sandbox)) {
      for (int read = 0; read < 20 && sandbox.faultLog().stream().noneMatch(f -> f.contains(fault)); read++) {
        List<SourceRecord> records = ShippedSources.records(ShippedSources.pages(source, stream(), Cursor.START,
            pageSize()));
        assertThat(records.stream().map(this::keyOf).collect(Collectors.toSet()))
            .isEqualTo(expectedKeys(sandbox)).hasSize(records.size());
        if (quarantines && sandbox.faultLog().get(sandbox.faultLog().size() - 1).contains(fault)) {
          var mapper = io.tributary.mapping.RecordMapper.compile(stream(), source.discover(stream().name(),
              Map.of()), JSON);
          assertThat(records.stream().filter(r -> mapper.map(r, null).isQuarantined())).hasSize(1);
        }
      }
      assertThat(sandbox.faultLog()).as(sandbox.faultLog().toString()).anyMatch(f -> f.contains(fault));
    }
  }

  @Test
  @Override
  protected void a429WithRetryAfterIsRetried() {
    readsCompleteUntil("429:25%", "429", false);
  }

  @Test
  @Override
  protected void a5xxBurstIsRetried() {
    readsCompleteUntil("500:15%,503:15%,retry-after:0s", "50", false);
  }

  /** The malformed fault gives one record BambooHR's empty date, 0000-00-00, as lastChanged. */
  @Test
  @Override
  protected void aMalformedRecordIsQuarantinedNeverDropped() {
    readsCompleteUntil("malformed:50%", "malformed", true);
  }

  /**
   * BambooHR does not page: the changed feed answers every change since the bound in one response, so there is no
   * mid-stream cursor to save. What a restart relies on instead is the watermark of that one page: the latest change.
   */
  @Test
  @Override
  protected void resumesFromACursorSavedMidStream() {
    try (SandboxServer sandbox = start(rows(), "none");
        Source source = source(sandbox)) {
      List<Page> pages = ShippedSources.pages(source, stream(), Cursor.START, pageSize());
      assertThat(pages).hasSize(1);
      assertThat(pages.get(0).done()).isTrue();
      String latest = sandbox.dataset().rows("employees").map(s -> s.modifiedAt()).max(Comparable::compareTo)
          .map(i -> DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC).format(i))
          .orElseThrow();
      assertThat(pages.get(0).watermark()).isEqualTo(Cursor.of("lastChanged", latest));
    }
  }
}
