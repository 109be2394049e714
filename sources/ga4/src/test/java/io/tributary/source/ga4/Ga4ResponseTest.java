package io.tributary.source.ga4;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** runReport answers in the RunReportResponse layout of the Data API v1beta reference, parsed to typed records. */
@Tag("unit")
class Ga4ResponseTest {

  private static Ga4Response parse(String json) throws Exception {
    return Ga4Response.parse(new ObjectMapper(), new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void rowsHeadersRowCountAndTheLowerOfTheTokenBuckets() throws Exception {
    Ga4Response r = parse("""
        {"dimensionHeaders":[{"name":"date"},{"name":"country"}],
         "metricHeaders":[{"name":"activeUsers","type":"TYPE_INTEGER"},{"name":"engagementRate","type":"TYPE_FLOAT"}],
         "rows":[{"dimensionValues":[{"value":"20261201"},{"value":"(other)"}],
                  "metricValues":[{"value":"42"},{"value":"0.5"}]}],
         "rowCount":175,
         "metadata":{"currencyCode":"USD","timeZone":"America/Los_Angeles"},
         "propertyQuota":{"tokensPerDay":{"consumed":12,"remaining":199000},
                          "tokensPerHour":{"consumed":12,"remaining":3120},
                          "concurrentRequests":{"consumed":0,"remaining":10}},
         "kind":"analyticsData#runReport"}
        """);
    assertThat(r.rowCount()).isEqualTo(175);
    assertThat(r.tokensLeft()).isEqualTo(3120);
    assertThat(r.rows()).containsExactly(Map.of("date", "20261201", "country", "(other)", "activeUsers", "42",
        "engagementRate", "0.5"));
    assertThat(Ga4StreamReader.value("date", "20261201", null)).isEqualTo("2026-12-01");
    assertThat(Ga4StreamReader.value("activeUsers", "42", "TYPE_INTEGER")).isEqualTo(42L);
    assertThat(Ga4StreamReader.value("engagementRate", "0.5", "TYPE_FLOAT")).isEqualTo(0.5);
    assertThat(Ga4StreamReader.value("activeUsers", "4x", "TYPE_INTEGER")).isEqualTo("4x");
  }

  @Test
  void theDailyTokensAreReportedAsQuotaUseAgainstTheDocumentedAllowance() throws Exception {
    java.time.Instant before = java.time.Instant.now();
    parse("""
        {"rows":[],"propertyQuota":{"tokensPerDay":{"consumed":10,"remaining":150000},
                                    "tokensPerHour":{"consumed":10,"remaining":30000}}}
        """);
    // a standard property: 200,000 tokens a day, 150,000 left
    assertThat(io.tributary.core.QuotaLedger.since(before)).anySatisfy(u -> {
      assertThat(u.platform()).isEqualTo("ga4");
      assertThat(u.used()).isEqualTo(50_000);
      assertThat(u.limit()).isEqualTo(200_000);
    });
    parse("""
        {"rows":[],"propertyQuota":{"tokensPerDay":{"consumed":10,"remaining":1500000}}}
        """);
    // more left than a standard property has: an Analytics 360 one, 2,000,000 a day
    assertThat(io.tributary.core.QuotaLedger.since(before)).filteredOn(u -> u.platform().equals("ga4"))
        .singleElement().satisfies(u -> assertThat(u.used()).isEqualTo(500_000));
  }

  @Test
  void anEmptyReportHasNoRowsAndNoRowCount() throws Exception {
    Ga4Response r = parse("""
        {"dimensionHeaders":[{"name":"date"}],"metricHeaders":[{"name":"sessions","type":"TYPE_INTEGER"}],
         "metadata":{"currencyCode":"USD","timeZone":"Etc/UTC"},"kind":"analyticsData#runReport"}
        """);
    assertThat(r.rows()).isEmpty();
    assertThat(r.rowCount()).isZero();
    assertThat(r.tokensLeft()).isEqualTo(-1);
    assertThat(r.metricTypes()).isEqualTo(Map.of("sessions", "TYPE_INTEGER"));
    assertThat(List.copyOf(r.metricTypes().keySet())).containsExactly("sessions");
  }
}
