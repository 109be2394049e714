package io.tributary.sandbox.ga4;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.sandbox.SandboxClock;
import io.tributary.sandbox.VendorResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The simulated runReport's row order: the request's orderBys, else descending by the first metric (the API's). */
@Tag("unit")
class Ga4ReportEndpointTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 3, 29);
  private final Ga4ReportEndpoint endpoint = new Ga4ReportEndpoint(new Ga4Property(7, 3 * 24, TODAY),
      new Ga4Quota(new Ga4SandboxSettings(1_000_000, 1_000_000, 1), new SandboxClock()));

  private JsonNode run(String orderBys) throws Exception {
    VendorResponse r = endpoint.run("""
        {"dateRanges": [{"startDate": "2daysAgo", "endDate": "today"}],
         "dimensions": [{"name": "country"}, {"name": "date"}], "metrics": [{"name": "sessions"}],
         "orderBys": %s, "limit": "1000"}""".formatted(orderBys), TODAY, false);
    return Ga4Json.MAPPER.readTree(r.body());
  }

  private static List<String> column(JsonNode report, String group, int i) {
    List<String> out = new ArrayList<>();
    report.path("rows").forEach(row -> out.add(row.path(group).path(i).path("value").asText()));
    return out;
  }

  @Test
  void withoutOrderBysRowsComeDescendingByTheFirstMetric() throws Exception {
    List<Long> sessions = column(run("[]"), "metricValues", 0).stream().map(Long::parseLong).toList();
    assertThat(sessions).hasSize(3 * 8).isSortedAccordingTo((a, b) -> Long.compare(b, a));
  }

  @Test
  void orderBysAreFollowedInTheirOrderAndDirection() throws Exception {
    JsonNode report = run("""
        [{"dimension": {"dimensionName": "date"}}, {"dimension": {"dimensionName": "country"}, "desc": true}]""");
    List<String> dates = column(report, "dimensionValues", 1);
    List<String> countries = column(report, "dimensionValues", 0);
    // grouped by country and date: 8 countries a day, 3 days
    assertThat(dates).hasSize(24).startsWith("20260327").endsWith("20260329").isSorted();
    assertThat(countries.subList(0, 8)).containsExactly("United States", "United Kingdom", "Japan", "India",
        "Germany", "France", "Canada", "Brazil");
    assertThat(countries.subList(16, 24)).isEqualTo(countries.subList(0, 8));
  }

  @Test
  void anOrderByOnAFieldOutsideTheRequestIsInvalid() throws Exception {
    JsonNode error = run("[{\"metric\": {\"metricName\": \"activeUsers\"}}]");
    assertThat(error.path("error").path("code").asInt()).isEqualTo(400);
    assertThat(error.path("error").path("status").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(error.path("error").path("message").asText()).contains("activeUsers");
  }
}
