package io.tributary.source.dynamics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.http.Classification;
import io.tributary.http.ErrorClass;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every Dynamics 365 file in ../shared/fixtures/dynamics365 through the page parser or the error classifier. */
@Tag("unit")
class DynamicsFixturesConformanceTest {

  private static final Path DIR = Path.of("..", "shared", "fixtures", "dynamics365");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String shared(String name) throws IOException {
    assumeTrue(Files.isDirectory(DIR), "../shared/fixtures/dynamics365 is absent: shared fixtures not checked");
    return Files.readString(DIR.resolve(name));
  }

  private static DynamicsPage parse(String json, boolean keepFormatted) throws IOException {
    return DynamicsPage.parse(JSON, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), keepFormatted);
  }

  /** The body of an .http file: everything after the first blank line. */
  private static String httpBody(String text) {
    String[] parts = text.split("\\r?\\n\\s*\\r?\\n", 2);
    return parts[1];
  }

  @Test
  void initialChangeTrackingResponseCarriesTheDeltaLink() throws IOException {
    DynamicsPage p = parse(shared("doc_change_tracking_initial_response.json"), false);
    assertThat(p.rows()).hasSize(1);
    assertThat(p.rows().get(0)).containsEntry("accountid", "60c4e274-0d87-e711-80e5-00155db19e6d")
        .containsEntry("accountnumber", null).containsEntry("telephone1", "555000").doesNotContainKey("@odata.etag");
    assertThat(p.deltaLink()).endsWith("$deltatoken=919042%2108%2f22%2f2017%2008%3a10%3a44");
    assertThat(p.nextLink()).isNull();
    assertThat(shared("doc_change_tracking_initial_request.http")).contains("Prefer: odata.track-changes");
  }

  @Test
  void deltaResponseSplitsChangedAndDeletedRows() throws IOException {
    DynamicsPage p = parse(shared("doc_change_tracking_delta_response_with_deleted_entity.json"), false);
    assertThat(p.rows()).extracting(r -> r.get("name")).containsExactly("Monte Orton");
    assertThat(p.deletedIds()).containsExactly("2e451703-c686-e711-80e5-00155db19e6d");
    assertThat(p.deltaLink()).endsWith("$deltatoken=919058%2108%2f22%2f2017%2008%3a21%3a20");
    assertThat(shared("doc_change_tracking_delta_request.http"))
        .contains("$deltatoken=919042%2108%2f22%2f2017%2008%3a10%3a44");
    assertThat(shared("doc_change_tracking_notes.txt")).contains("isn't supported when Change Tracking is");
  }

  @Test
  void maxPageSizeResponseFollowsTheNextLink() throws IOException {
    String http = shared("doc_paging_maxpagesize_response.http");
    assertThat(http).contains("Preference-Applied: odata.maxpagesize=3");
    DynamicsPage p = parse(httpBody(http), false);
    assertThat(p.rows()).extracting(r -> r.get("name"))
        .containsExactly("Fourth Coffee (sample)", "Litware, Inc. (sample)", "Adventure Works (sample)");
    assertThat(p.nextLink()).contains("$skiptoken=%3Ccookie%20pagenumber=%222%22");
    assertThat(p.deltaLink()).isNull();
  }

  @Test
  void formattedValuesAreKeptOrDroppedAsConfigured() throws IOException {
    String tail = shared("doc_paging_nextlink_with_formatted_values_tail.json.txt").lines()
        .filter(l -> !l.startsWith("#")).collect(java.util.stream.Collectors.joining("\n"));
    // The doc excerpt starts mid-array: rebuild the envelope around its last record.
    String record = tail.substring(tail.indexOf('{'), tail.lastIndexOf(']', tail.indexOf("@odata.nextLink")));
    String nextLink = tail.substring(tail.indexOf("\"@odata.nextLink\""), tail.lastIndexOf('}'));
    String json = "{\"value\":[" + record + "]," + nextLink + "}";
    DynamicsPage dropped = parse(json, false);
    assertThat(dropped.rows().get(0)).containsEntry("annualincome", new BigDecimal("31000.0000"))
        .containsEntry("_transactioncurrencyid_value", "518c78c9-d3f6-e511-80d0-00155da84802")
        .doesNotContainKey("annualincome_formatted");
    DynamicsPage kept = parse(json, true);
    assertThat(kept.rows().get(0)).containsEntry("annualincome_formatted", "$31,000.00")
        .containsEntry("_transactioncurrencyid_value_formatted", "US Dollar");
    assertThat(kept.nextLink()).contains("istracking=%22False%22");
  }

  @Test
  void serviceProtection429WaitsForRetryAfter() throws IOException {
    String http = shared("error_429_service_protection.http");
    Map<String, List<String>> h = new LinkedHashMap<>();
    h.put("Retry-After", List.of("12"));
    Classification c = new DynamicsErrors().classify(429, HttpHeaders.of(h, (a, b) -> true), httpBody(
        http.substring(http.indexOf("HTTP/1.1"))));
    assertThat(c.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
    assertThat(c.retryAfter()).isEqualTo(Duration.ofSeconds(12));
    assertThat(c.vendorMessage()).contains("6000 over time window of 300 seconds");
  }

  @Test
  void trackingRejectionIsAConfigError() {
    Classification c = new DynamicsErrors().classify(400, HttpHeaders.of(Map.of(), (a, b) -> true),
        "{\"error\":{\"code\":\"0x0\",\"message\":\"The $top query parameter isn't supported when Change Tracking is"
            + " enabled.\"}}");
    assertThat(c.errorClass()).isEqualTo(ErrorClass.CONFIG);
    assertThat(c.hint()).contains("$top");
    assertThat(DynamicsErrors.isExpiredDeltaToken(410, "{\"error\":{\"message\":\"delta token expired\"}}")).isTrue();
    assertThat(DynamicsErrors.isExpiredDeltaToken(429, "deltatoken")).isFalse();
  }
}
