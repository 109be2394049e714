package io.tributary.source.marketo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.core.TributaryException;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.marketo.MarketoRecords;
import io.tributary.sandbox.marketo.MarketoSandbox;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A daily export allowance smaller than one 31-day export: each day's run exports one window, then stops with QUOTA
 * (exit code 1) keeping the cursor of the next window; a second run the same day stops at once without exporting;
 * the next day (the sandbox clock moved a day) continues from the saved window. The days together read exactly the
 * simulator's leads, none twice. The simulator's clock stands at noon US Central, where its quota day is counted, so
 * "the same day" and "the next day" hold whatever the time of the run (a run across 05:00/06:00 UTC used to reset the
 * quota under the test).
 */
@Tag("sandbox")
class MarketoDailyQuotaIT {

  /** One day's run: the records of the pages it returned, the cursor the engine saved, and how it ended. */
  private record Day(List<SourceRecord> records, Cursor saved, TributaryException stop) {}

  /** Noon today in the zone whose midnight resets the simulator's export quota (MarketoExportQueue). */
  private static Instant noonUsCentral() {
    ZoneId central = ZoneId.of("America/Chicago");
    return LocalDate.now(central).atTime(LocalTime.NOON).atZone(central).toInstant();
  }

  private static Day run(SandboxServer sandbox, Cursor from) {
    List<SourceRecord> records = new ArrayList<>();
    Cursor saved = from;
    try (MarketoSource source = MarketoTestSources.source(sandbox);
        StreamReader reader = source.open(MarketoTestSources.request("leads", Cursor.START, 500))) {
      while (true) {
        Page p = reader.read(saved);
        records.addAll(p.records());
        if (p.done()) {
          return new Day(records, null, null);
        }
        saved = p.next();
      }
    } catch (TributaryException e) {
      return new Day(records, saved, e);
    }
  }

  @Test
  void theQuotaStopsTheRunCleanlyAndTheNextDayContinuesFromTheSavedWindow() {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(MarketoSandbox.platform())
        .withRows(MarketoRecords.LEADS, 3_000).withRows(MarketoRecords.ACTIVITIES, 10)
        .withSetting("marketo.daily_quota_bytes", "50000"))) {
      sandbox.clock().stopAt(noonUsCentral());
      Day first = run(sandbox, Cursor.START);
      assertThat(first.stop()).isNotNull();
      assertThat(first.stop().kind()).isEqualTo(TributaryException.Kind.QUOTA);
      assertThat(first.stop().kind().exitCode()).isEqualTo(1);
      assertThat(first.stop().getMessage()).contains("1029").contains("Export daily quota exceeded");
      assertThat(first.stop().hint()).contains("12:00 AM US Central").contains("continues from the saved window");
      assertThat(first.saved().get(MarketoExportReader.WINDOW)).as("the second window is saved")
          .isEqualTo(MarketoTestSources.START.plus(Duration.ofDays(31)).plusSeconds(1).toString());
      assertThat(first.records()).as("the first window's leads arrived before the stop").isNotEmpty();

      Day sameDay = run(sandbox, first.saved());
      assertThat(sameDay.stop().kind()).isEqualTo(TributaryException.Kind.QUOTA);
      assertThat(sameDay.records()).isEmpty();
      assertThat(sameDay.saved()).isEqualTo(first.saved());

      List<SourceRecord> all = new ArrayList<>(first.records());
      Cursor saved = first.saved();
      int days = 1;
      while (saved != null) {
        sandbox.clock().advance(Duration.ofDays(1));
        days++;
        Day day = run(sandbox, saved);
        all.addAll(day.records());
        if (day.stop() != null) {
          assertThat(day.stop().kind()).isEqualTo(TributaryException.Kind.QUOTA);
          assertThat(Instant.parse(day.saved().get(MarketoExportReader.WINDOW)))
              .as("each day moves the saved window on").isAfter(Instant.parse(saved.get(MarketoExportReader.WINDOW)));
        }
        saved = day.saved();
        assertThat(days).as("one window a day: four windows").isLessThanOrEqualTo(4);
      }

      Map<String, Map<String, String>> expected = MarketoTestSources.routes(sandbox).records()
          .leads("updatedAt", MarketoTestSources.START, MarketoTestSources.END);
      assertThat(expected).hasSize(3_000);
      Set<String> ids = new HashSet<>();
      for (SourceRecord r : all) {
        String id = (String) r.fields().get("id");
        assertThat(ids.add(id)).as("lead " + id + " read twice").isTrue();
        assertThat(MarketoTestSources.strings(r).get("updatedAt")).isEqualTo(expected.get(id).get("updatedAt"));
        assertThat(MarketoTestSources.strings(r).get("company")).isEqualTo(expected.get(id).get("company"));
      }
      assertThat(ids).isEqualTo(expected.keySet());
    }
  }
}
