package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.marketo.MarketoRecords;
import io.tributary.sandbox.marketo.MarketoRoutes;
import io.tributary.sandbox.marketo.MarketoSandbox;
import io.tributary.sandbox.marketo.MarketoSandboxSettings;
import io.tributary.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the real CLI: the Marketo simulator (started here, so the test moves its clock a day) →
 * PostgreSQL. A daily export allowance of two exports stops the first run cleanly (exit 1) after two 31-day windows;
 * the next day's run continues from the saved window and the table ends equal to the simulator's leads. A wrong
 * client secret is a configuration failure (exit 2) quoting Marketo's words and the fix. The simulator's clock
 * stands at noon US Central, where its quota day is counted, so the first run's day is not cut by a midnight at
 * 05:00/06:00 UTC; only the test's advance moves it to the next day.
 */
@Tag("db")
@Tag("sandbox")
class MarketoToPostgresJobIT {

  @TempDir
  Path dir;

  private SandboxServer sandbox;
  private String dst;
  private CliRunner cli;

  @BeforeEach
  void setUp() {
    sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(MarketoSandbox.platform())
        .withRows(MarketoRecords.LEADS, 3_000).withRows(MarketoRecords.ACTIVITIES, 10)
        .withSetting("marketo.daily_quota_bytes", "150000"));
    ZoneId central = ZoneId.of("America/Chicago");
    sandbox.clock().stopAt(LocalDate.now(central).atTime(LocalTime.NOON).atZone(central).toInstant());
    dst = TestPostgres.freshSchema("mkto");
    cli = new CliRunner(dir.resolve("state"));
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private Path job(String secret) throws Exception {
    Path file = Files.writeString(dir.resolve("secret"), secret);
    return Files.writeString(dir.resolve("marketo.yml"), """
        source:
          type: marketo
          base_url: "%s"
          client_id: %s
          client_secret: "${file:%s}"
          start_at: "2024-01-01T00:00:00Z"
          end_at: "2024-04-30T00:00:00Z"
          requests_per_twenty_seconds: 0
          poll_interval: 10ms
          http: { initial_backoff: 50ms }
        sink: { type: postgres, url: "%s", user: %s, schema: %s }
        chunk_size: 200
        streams:
          - { name: leads, primary_key: [id], cursor: [updatedAt], lookback: 0s }
        """.formatted(sandbox.baseUrl(), MarketoSandboxSettings.CLIENT_ID, file, TestPostgres.url(),
        TestPostgres.user(), dst));
  }

  @Test
  void theDailyQuotaStopsTheRunAndTheNextDayContinuesFromTheSavedWindow() throws Exception {
    Path job = job(MarketoSandboxSettings.CLIENT_SECRET);
    CliRunner.Result first = cli.run("run", job.toString());
    assertThat(first.exitCode()).as(first.output()).isEqualTo(1);
    assertThat(first.output()).contains("1029 Export daily quota exceeded").contains("12:00 AM US Central");
    MarketoRoutes routes = sandbox.routes(MarketoRoutes.class);
    assertThat(routes.exports().createdFilters()).as("two windows exported, the third refused at create")
        .hasSize(2);
    long loaded = Long.parseLong(TestPostgres.strings("SELECT count(*) FROM " + dst + ".leads").get(0));
    Instant secondEnd = Instant.parse("2024-01-01T00:00:00Z").plus(Duration.ofDays(62)).plusSeconds(1);
    // The stop surfaces when the reader asks for the third window, so the chunk being filled (under 200 rows of the
    // second window) rolls back; the next run reads it again from the committed cursor.
    int twoWindows = routes.records().leads("updatedAt", Instant.parse("2024-01-01T00:00:00Z"), secondEnd).size();
    assertThat(loaded).as("the committed chunks of the first two windows").isBetween(twoWindows - 199L,
        (long) twoWindows);
    assertThat(loaded % 200).as("whole chunks only").isZero();

    sandbox.clock().advance(Duration.ofDays(1));
    CliRunner.Result next = cli.run("run", job.toString());
    assertThat(next.exitCode()).as(next.output()).isEqualTo(0);
    assertThat(routes.exports().createdFilters().get(2)).as("the next day starts at the saved third window")
        .startsWith("leads updatedAt " + secondEnd.plusSeconds(1));

    List<String> expected = new ArrayList<>();
    routes.records().leads("updatedAt", Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-04-30T00:00:00Z"))
        .values().forEach(l -> expected.add(l.get("id") + " " + l.get("email") + " " + l.get("company") + " "
            + l.get("updatedAt")));
    assertThat(expected).hasSize(3_000);
    List<String> table = TestPostgres.strings("SELECT id || ' ' || email || ' ' || company || ' ' || to_char("
        + "updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM " + dst + ".leads");
    assertThat(table).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void aWrongClientSecretIsAConfigurationFailureWithMarketosWordsAndTheFix() throws Exception {
    CliRunner.Result r = cli.run("check", job("not-the-secret").toString());
    assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
    assertThat(r.output()).contains("Bad client credentials").contains("LaunchPoint")
        .doesNotContain("not-the-secret");
  }
}
