package io.tributary.source.ga4;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.ga4.Ga4Property;
import io.tributary.sandbox.ga4.Ga4Routes;
import io.tributary.sandbox.ga4.Ga4Sandbox;
import io.tributary.sandbox.ga4.Ga4SandboxSettings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, GA4 "a quota-exhausted answer stops cleanly", through {@code ./tributary run}: the simulator's property
 * has 50 tokens an hour (5 requests), the report needs 8 pages. The first run loads what the quota allows and stops on
 * Google's 429 RESOURCE_EXHAUSTED with exit 1 (QUOTA, restartable) and its cursor kept; an hour later the next run
 * resumes after the last committed page and completes; the table then equals the simulator's report, each dimension
 * tuple once.
 */
@Tag("sandbox")
class Ga4QuotaStopCliIT {

  private static final List<String> DIMS = List.of("date", "country", "deviceCategory");
  private static final List<String> METRICS = List.of("activeUsers", "sessions");
  private static final int DAYS = 30;

  @Test
  void anExhaustedQuotaStopsWithExit1AndTheNextRunCompletesFromTheKeptCursor(@TempDir Path dir) throws Exception {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(Ga4Sandbox.platform())
        .withRows(DAYS * Ga4Property.TUPLES_PER_DAY).withSetting("ga4.tokens_per_hour", "50"))) {
      // Stopped at the wall clock's time, not at a chosen one: the job signs its token requests with the wall
      // clock, which the simulator checks against its own. The hour it advances later may cross the property's
      // midnight; the read keeps its range and the truth below counts from the first day.
      sandbox.clock().stop();
      String tokenUrl = sandbox.baseUrl() + Ga4SandboxSettings.TOKEN_PATH;
      Path key = Files.writeString(dir.resolve("sa.json"), sandbox.routes(Ga4Routes.class).serviceAccountKey(tokenUrl));
      Path db = dir.resolve("ga4.duckdb");
      Path job = Files.writeString(dir.resolve("ga4_quota.yml"), """
          source:
            type: ga4
            property_id: "%s"
            credentials_json: "${file:%s}"
            api_url: "%s"
            token_url: "%s"
            page_size: 100
            quota_reserve: 0
            http: { initial_backoff: 50ms, max_backoff: 1s }
          sink: { type: duckdb, path: "%s", schema: analytics }
          chunk_size: 100
          streams:
            - name: traffic
              primary_key: [date, country, deviceCategory]
              cursor: [date]
              options: { dimensions: [date, country, deviceCategory], metrics: [activeUsers, sessions],
                         start_date: %ddaysAgo }
          """.formatted(Ga4SandboxSettings.PROPERTY_ID, key, sandbox.baseUrl(), tokenUrl, db.toAbsolutePath(),
          DAYS - 1));

      ByteArrayOutputStream first = new ByteArrayOutputStream();
      assertThat(Ga4ExampleJobIT.run(dir, job, first)).as(first.toString(StandardCharsets.UTF_8)).isEqualTo(1);
      assertThat(first.toString(StandardCharsets.UTF_8)).contains("Exhausted property tokens per hour");
      long loadedBefore = table(db).size();
      assertThat(loadedBefore).as("pages committed before the quota ran out").isPositive()
          .isLessThan(DAYS * Ga4Property.TUPLES_PER_DAY);

      sandbox.clock().advance(Duration.ofHours(1));
      ByteArrayOutputStream second = new ByteArrayOutputStream();
      int code = Ga4ExampleJobIT.run(dir, job, second);
      String out = second.toString(StandardCharsets.UTF_8);
      assertThat(code).as(out).isZero();
      assertThat(out).contains("Resuming");
      assertThat(table(db)).isEqualTo(truth(sandbox));
    }
  }

  /** The warehouse table: date|country|device to "activeUsers sessions"; a key twice fails. */
  private static Map<String, String> table(Path db) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
        ResultSet rs = c.createStatement().executeQuery("SELECT CAST(date AS VARCHAR), country,"
            + " COLUMNS('(?i)device.?category'), COLUMNS('(?i)active.?users'), sessions FROM analytics.traffic")) {
      while (rs.next()) {
        String k = day(rs.getString(1)) + "|" + rs.getString(2) + "|" + rs.getString(3);
        assertThat(out.put(k, rs.getLong(4) + " " + rs.getLong(5))).as("no row twice: " + k).isNull();
      }
    }
    return out;
  }

  private static Map<String, String> truth(SandboxServer sandbox) {
    Ga4Routes routes = sandbox.routes(Ga4Routes.class);
    Map<String, String> out = new TreeMap<>();
    // the property's history: DAYS days to its first day, and any day since (the run may cross midnight)
    List<Ga4Property.Fact> facts = routes.property().facts(routes.today(),
        routes.property().anchor().minusDays(DAYS - 1), routes.today());
    for (List<String> row : Ga4Property.report(facts, DIMS, METRICS, f -> true)) {
      Map<String, String> n = Ga4Property.named(row, DIMS, METRICS);
      out.put(day(n.get("date")) + "|" + n.get("country") + "|" + n.get("deviceCategory"),
          Long.parseLong(n.get("activeUsers")) + " " + Long.parseLong(n.get("sessions")));
    }
    return out;
  }

  private static String day(String d) {
    return d.length() == 8 ? d.substring(0, 4) + "-" + d.substring(4, 6) + "-" + d.substring(6) : d;
  }
}
