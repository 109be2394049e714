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

  private static SandboxServer start(long rows, SandboxOptions extra) {
    return SandboxServer.start(extra.withPlatform(Ga4Sandbox.platform())
        .withRows(Ga4SandboxSettings.ROWS_OBJECT, rows));
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
      sandbox.clock().stop();
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
        Page page;
        do {
          page = reader.read(cursor);
          got.addAll(page.records());
          cursor = page.next();
        } while (!page.done());
      }
      Map<String, String> table = new TreeMap<>();
      got.forEach(r -> assertThat(table.put(Ga4TestSources.key(r.fields()), Ga4TestSources.value(r)))
          .as("no row twice").isNull());
      assertThat(table).isEqualTo(Ga4TestSources.truth(sandbox));
    }
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
          other.routes(Ga4Routes.class).serviceAccountKey(tokenUrl), null))) {
        assertThatThrownBy(source::check).isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind().exitCode()).isEqualTo(2);
          assertThat(e.getMessage()).contains("Invalid JWT Signature");
          assertThat(e.hint()).contains("credentials_json").contains("new JSON key");
        });
      }
    }
  }
}
