package io.tributary.source.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.greenhouse.GreenhouseRecords;
import io.tributary.sandbox.greenhouse.GreenhouseSandbox;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Greenhouse lists records in id order, not by {@code updated_at}. A record read on page 1 that changes at t1, and a
 * record on a later page that changes at t2 > t1 before it is read, made the watermark t2: the next run asked for
 * {@code updated_after=t2} and the first record's new version was never read. The next run from the returned
 * watermark must read it.
 */
@Tag("sandbox")
class UnsortedWatermarkIT {

  @ParameterizedTest(name = "{0} rows, pages of {1}, touched row {2} then row {3}")
  @CsvSource({"300, 100, 0, 250", "300, 100, 57, 199", "1000, 50, 3, 999", "120, 40, 39, 40"})
  void aRecordChangedAfterItWasReadArrivesOnTheNextRun(long rows, int size, long early, long late) {
    String object = GreenhouseRecords.Kind.CANDIDATES.object();
    SandboxOptions options = SandboxOptions.defaults().withPlatform(GreenhouseSandbox.platform())
        .withRows(object, rows);
    try (SandboxServer sandbox = SandboxServer.start(options);
        Source source = GreenhouseTestSources.source(sandbox)) {
      Instant t1 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      Page last;
      try (StreamReader reader = source.open(request(Cursor.START, size))) {
        Page page = reader.read(Cursor.START);
        assertThat(page.done()).as("the dataset spans several pages").isFalse();
        assertThat(ids(page.records())).contains(id(early));
        sandbox.dataset().touch(object, early, early, t1);
        sandbox.dataset().touch(object, late, late, t1.plusSeconds(1));
        while (!page.done()) {
          page = reader.read(page.next());
        }
        last = page;
      }
      assertThat(last.watermark()).isNotNull();
      List<SourceRecord> next = new ArrayList<>();
      try (StreamReader reader = source.open(request(last.watermark(), size))) {
        Page page = reader.read(Cursor.START);
        next.addAll(page.records());
        while (!page.done()) {
          page = reader.read(page.next());
          next.addAll(page.records());
        }
      }
      assertThat(next.stream().filter(r -> String.valueOf(r.fields().get("id")).equals(id(early)))
          .map(r -> OffsetDateTime.parse(String.valueOf(r.fields().get("updated_at"))).toInstant()).toList())
          .as("the next run (from watermark %s) reads record %s in its version of %s", last.watermark(), id(early), t1)
          .contains(t1);
    }
  }

  private static ReadRequest request(Cursor watermark, int size) {
    return new ReadRequest("candidates", Map.of(), List.of("id"), List.of("updated_at"), watermark, Duration.ZERO,
        size);
  }

  private static String id(long index) {
    return Long.toString(GreenhouseRecords.id(GreenhouseRecords.Kind.CANDIDATES, index));
  }

  private static List<String> ids(List<SourceRecord> records) {
    return records.stream().map(r -> String.valueOf(r.fields().get("id"))).toList();
  }
}
