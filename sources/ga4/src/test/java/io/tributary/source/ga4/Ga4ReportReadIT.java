package io.tributary.source.ga4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.core.TributaryException;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.ga4.Ga4Property;
import io.tributary.sandbox.ga4.Ga4Routes;
import io.tributary.sandbox.ga4.Ga4Sandbox;
import io.tributary.sandbox.ga4.Ga4SandboxSettings;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** GA4 reads against the simulator: paging to rowCount, the late-data window, quota stops, a bad key. */
@Tag("sandbox")
class Ga4ReportReadIT {

  /** A simulator whose clock stands at noon (UTC, the property's zone) of its first day: no test meets midnight unasked. */
  private static SandboxServer start(long rows, SandboxOptions extra) {
    SandboxServer sandbox = SandboxServer.start(extra.withPlatform(Ga4Sandbox.platform())
        .withRows(Ga4SandboxSettings.ROWS_OBJECT, rows));
    sandbox.clock().stopAt(sandbox.routes(Ga4Routes.class).property().anchor().atTime(LocalTime.NOON)
        .toInstant(ZoneOffset.UTC));
    return sandbox;
  }

  @Test
  void aReportLargerThanOnePageIsReadCompletely() {
    try (SandboxServer sandbox = start(90 * Ga4Property.TUPLES_PER_DAY, SandboxOptions.defaults());
        Ga4Source source = Ga4TestSources.source(sandbox, 0)) {
      Ga4TestSources.Run run = Ga4TestSources.read(source, Ga4TestSources.REPORT, Cursor.START, 500);
      Map<String, String> truth = Ga4TestSources.truth(sandbox);
      assertThat(truth).hasSize(2160);
      assertThat(run.reportedTotal()).isEqualTo(2160);
      assertThat(run.records()).hasSize(2160);
      assertThat(run.pages()).isEqualTo(5);
      Map<String, String> table = new TreeMap<>();
      run.mergeInto(table);
      assertThat(table).isEqualTo(truth);
      assertThat(run.watermark().get("date")).isEqualTo(sandbox.routes(Ga4Routes.class).today().toString());
    }
  }

  @Test
  void aSecondRunReadsOnlyTheLateDataWindowAndEndsEqualToTheTruth() {
    try (SandboxServer sandbox = start(30 * Ga4Property.TUPLES_PER_DAY, SandboxOptions.defaults());
        Ga4Source source = Ga4TestSources.source(sandbox, 0)) {
      Ga4Routes routes = sandbox.routes(Ga4Routes.class);
      Map<String, String> table = new TreeMap<>();
      Ga4TestSources.Run first = Ga4TestSources.read(source, Ga4TestSources.REPORT, Cursor.START, 250);
      first.mergeInto(table);
      Map<String, String> before = Ga4TestSources.truth(sandbox);
      assertThat(table).isEqualTo(before);

      LocalDate today = routes.today();
      routes.property().restate(today.minusDays(2), today);
      Map<String, String> after = Ga4TestSources.truth(sandbox);
      long changed = after.keySet().stream().filter(k -> !after.get(k).equals(before.get(k))).count();
      assertThat(changed).as("the simulator changed the last three days").isEqualTo(3L * Ga4Property.TUPLES_PER_DAY);
      assertThat(table).isNotEqualTo(after);

      Ga4TestSources.Run second = Ga4TestSources.read(source, Ga4TestSources.REPORT, first.watermark(), 250);
      // default reread_days 3: today-3 .. today, four days of 24 rows
      assertThat(second.records().stream().map(r -> (String) r.fields().get("date")).collect(Collectors.toSet()))
          .containsExactlyInAnyOrder(today.minusDays(3).toString(), today.minusDays(2).toString(),
              today.minusDays(1).toString(), today.toString());
      assertThat(second.records()).hasSize(4 * Ga4Property.TUPLES_PER_DAY);
      second.mergeInto(table);
      assertThat(table).isEqualTo(after);
    }
  }

  /**
   * 40 tokens an hour at 10 a request: after three pages 10 are left, at quota_reserve 10 the reader stops
   * before a fourth call (QUOTA, exit 1). The next hour the read resumes from the last page's cursor; together the
   * two reads hold every row once.
   */
  @Test
  void lowTokensStopCleanlyAndTheReadResumesFromItsCursor() {
    try (SandboxServer sandbox = start(30 * Ga4Property.TUPLES_PER_DAY, SandboxOptions.defaults()
        .withSetting("ga4.tokens_per_hour", "40"));
        Ga4Source source = Ga4TestSources.source(sandbox, 10)) {
      List<SourceRecord> got = new ArrayList<>();
      Cursor cursor = Cursor.START;
      try (StreamReader reader = source.open(Ga4TestSources.request(Ga4TestSources.REPORT, Cursor.START, 100))) {
        for (int i = 0; i < 3; i++) {
          Page page = reader.read(cursor);
          got.addAll(page.records());
          cursor = page.next();
        }
        Cursor kept = cursor;
        assertThatThrownBy(() -> reader.read(kept)).isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind()).isEqualTo(TributaryException.Kind.QUOTA);
          assertThat(e.kind().exitCode()).isEqualTo(1);
        });
      }
      assertThat(got).hasSize(300);
      sandbox.clock().advance(Duration.ofHours(1));
      try (Ga4Source next = Ga4TestSources.source(sandbox, 0);
          StreamReader reader = next.open(Ga4TestSources.request(Ga4TestSources.REPORT, Cursor.START, 250))) {
        Ga4TestSources.readOn(reader, cursor, got);
      }
      Map<String, String> table = new TreeMap<>();
      got.forEach(r -> assertThat(table.put(Ga4TestSources.key(r.fields()), Ga4TestSources.value(r)))
          .as("no row twice").isNull());
      assertThat(table).isEqualTo(Ga4TestSources.truth(sandbox));
    }
  }

  /**
   * A read stopped after some pages (a kill, a quota stop) and resumed once the property's midnight has passed pages
   * the same rows: GA4 resolves {@code NdaysAgo} and {@code today} per call, so a range kept as written would shift
   * by a day and every offset with it. Generated over stop times through the day, the page the read stops after and
   * the pause (one midnight or two). The read, then the next run from its watermark, merged as the sink merges:
   * every row of the range GA4 resolved at the first call and of every day since, once, with the simulator's values;
   * at most one day earlier than asked.
   */
  @Test
  void aReadResumedAfterThePropertysMidnightReadsEveryRowOnce() {
    int cases = 0;
    try (SandboxServer sandbox = start(10 * Ga4Property.TUPLES_PER_DAY, SandboxOptions.defaults());
        Ga4Source source = Ga4TestSources.source(sandbox, 0)) {
      for (LocalTime at : List.of(LocalTime.NOON, LocalTime.of(22, 0), LocalTime.of(23, 30),
          LocalTime.of(23, 59, 59, 500_000_000))) {
        for (int stopAfter = 1; stopAfter <= 3; stopAfter++) {
          for (Duration pause : List.of(Duration.ofHours(1), Duration.ofHours(25))) {
            String label = "stopped at " + at + " after " + stopAfter + " pages, resumed " + pause + " later";
            resumeAcrossMidnight(sandbox, source, at, stopAfter, pause, label);
            cases++;
          }
        }
      }
    }
    assertThat(cases).isEqualTo(24);
  }

  /** One case on a shared simulator: its clock is set back to the first day for each. */
  private static void resumeAcrossMidnight(SandboxServer sandbox, Ga4Source source, LocalTime at, int stopAfter,
      Duration pause, String label) {
    Map<String, Object> report = Ga4TestSources.with(Ga4TestSources.REPORT, "start_date", "5daysAgo");
    Ga4Routes routes = sandbox.routes(Ga4Routes.class);
    LocalDate first = routes.property().anchor();
    sandbox.clock().stopAt(first.atTime(at).toInstant(ZoneOffset.UTC));
    List<SourceRecord> got = new ArrayList<>();
    Cursor cursor = Cursor.START;
    try (StreamReader reader = source.open(Ga4TestSources.request(report, Cursor.START, 25))) {
      for (int i = 0; i < stopAfter; i++) {
        Page page = reader.read(cursor);
        got.addAll(page.records());
        cursor = page.next();
      }
    }
    sandbox.clock().advance(pause);
    Cursor watermark;
    try (StreamReader reader = source.open(Ga4TestSources.request(report, Cursor.START, 25))) {
      watermark = Ga4TestSources.readOn(reader, cursor, got);
    }
    Map<String, String> table = new TreeMap<>();
    got.forEach(r -> assertThat(table.put(Ga4TestSources.key(r.fields()), Ga4TestSources.value(r)))
        .as(label + ": no row twice in one read").isNull());
    LocalDate today = routes.today();
    assertThat(table).as(label + ": the range GA4 resolved at the first call, read whole")
        .containsAllEntriesOf(Ga4TestSources.truth(sandbox, first.minusDays(5), first));
    Ga4TestSources.read(source, report, watermark, 25).mergeInto(table);
    Map<String, String> truth = Ga4TestSources.truth(sandbox, first.minusDays(6), today);
    assertThat(table).as(label + ": after the next run, every day once up to today").isEqualTo(
        table.containsKey(first.minusDays(6) + "|Brazil|desktop") ? truth
            : Ga4TestSources.truth(sandbox, first.minusDays(5), today));
  }

  /** With no reserve, Google's own 429 RESOURCE_EXHAUSTED for the property's tokens is a QUOTA stop, not retried. */
  @Test
  void anExhaustedQuotaAnswerIsAQuotaStop() {
    try (SandboxServer sandbox = start(30 * Ga4Property.TUPLES_PER_DAY, SandboxOptions.defaults()
        .withSetting("ga4.tokens_per_day", "20"));
        Ga4Source source = Ga4TestSources.source(sandbox, 0)) {
      assertThatThrownBy(() -> Ga4TestSources.read(source, Ga4TestSources.REPORT, Cursor.START, 100))
          .isInstanceOfSatisfying(TributaryException.class, e -> {
            assertThat(e.kind()).isEqualTo(TributaryException.Kind.QUOTA);
            assertThat(e.getMessage()).contains("Exhausted property tokens per day");
          });
    }
  }

  @Test
  void aKeyTheServiceAccountDoesNotHoldIsAnAuthErrorWithGooglesMessage() {
    try (SandboxServer sandbox = start(240, SandboxOptions.defaults());
        SandboxServer other = start(240, SandboxOptions.defaults())) {
      String tokenUrl = sandbox.baseUrl() + Ga4SandboxSettings.TOKEN_PATH;
      Ga4Config config = new Ga4Config(Ga4SandboxSettings.PROPERTY_ID, null, sandbox.baseUrl(), tokenUrl, null, 0,
          Map.of());
      // the other simulator's key: same client_email, a private key this one never issued
      try (Ga4Source source = new Ga4Source(config, Ga4ServiceAccountAuth.fromKeyFile(
          other.routes(Ga4Routes.class).serviceAccountKey(tokenUrl), null, sandbox.clock().asClock()))) {
        assertThatThrownBy(source::check).isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind().exitCode()).isEqualTo(2);
          assertThat(e.getMessage()).contains("Invalid JWT Signature");
          assertThat(e.hint()).contains("credentials_json").contains("new JSON key");
        });
      }
    }
  }
}
