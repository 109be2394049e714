package io.tributary.source.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tributary.core.Cursor;
import io.tributary.core.SourceRecord;
import io.tributary.http.Classification;
import io.tributary.http.ErrorClass;
import java.net.http.HttpHeaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The source's HTTP-level classifier and record factory on the shared vendor fixtures (the parsers themselves are
 * covered file by file by SalesforceFixturesConformanceTest). Expected classes were read off the files by hand.
 */
@Tag("sandbox")
class SalesforceErrorClassifierFixturesTest {

  private static final Path DIR = Path.of("..", "shared", "fixtures", "salesforce");
  private final SalesforceErrorClassifier classifier = new SalesforceErrorClassifier();

  private Classification classify(int status, String file, Map<String, List<String>> headers) throws Exception {
    assumeTrue(Files.isDirectory(DIR), "shared fixtures not present at " + DIR.toAbsolutePath());
    return classifier.classify(status, HttpHeaders.of(headers, (a, b) -> true), Files.readString(DIR.resolve(file)));
  }

  @Test
  void vendorErrorBodiesMapToTheHttpLayersClasses() throws Exception {
    Classification invalidField = classify(400, "error_400_invalid_field.json", Map.of());
    assertThat(invalidField.errorClass()).isEqualTo(ErrorClass.CONFIG);
    assertThat(invalidField.vendorMessage()).isEqualTo("INVALID_FIELD: error_message");
    assertThat(invalidField.hint()).contains("tributary discover");

    assertThat(classify(401, "error_401_invalid_session_id.json", Map.of()).errorClass())
        .isEqualTo(ErrorClass.AUTH_EXPIRED);
    Classification limit = classify(403, "error_403_request_limit_exceeded.json", Map.of());
    assertThat(limit.errorClass()).isEqualTo(ErrorClass.QUOTA);
    assertThat(limit.vendorMessage()).isEqualTo("REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.");
    assertThat(classify(404, "error_404_not_found.json", Map.of()).errorClass()).isEqualTo(ErrorClass.CONFIG);
    assertThat(classify(412, "bulk2_error_412_job_not_complete.json", Map.of()).errorClass())
        .isEqualTo(ErrorClass.TRANSIENT);
    Classification busy = classify(503, "error_404_not_found.json", Map.of("Retry-After", List.of("7")));
    assertThat(busy.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
    assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void queryTimeoutIsTransient() {
    Classification c = classifier.classify(400, HttpHeaders.of(Map.of(), (a, b) -> true),
        "[{\"message\":\"Your query request was running for too long.\",\"errorCode\":\"QUERY_TIMEOUT\"}]");
    assertThat(c.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
  }

  @Test
  void recordsCarryTheirKeyAndIsDeletedBecomesASoftDelete() {
    SourceRecord live = SalesforceRecordFactory.toRecord(Map.of("Id", "006Tn0000000000IAA", "IsDeleted", false,
        "SystemModstamp", "2024-01-15T10:20:30.000+0000"));
    assertThat(live.deleted()).isFalse();
    assertThat(live.position()).isEqualTo(Cursor.of("SystemModstamp", "2024-01-15T10:20:30Z", "Id",
        "006Tn0000000000IAA"));
    SourceRecord gone = SalesforceRecordFactory.toRecord(Map.of("Id", "006Tn0000000001IAA", "IsDeleted", "true",
        "SystemModstamp", "2024-01-15T10:20:30.123Z"));
    assertThat(gone.deleted()).isTrue();
    assertThat(gone.position().get("SystemModstamp")).isEqualTo("2024-01-15T10:20:30.123Z");
  }

  @Test
  void theKeysetBoundIsTheSoqlTheSandboxAndSalesforceAccept() {
    var request = new io.tributary.core.ReadRequest("o", Map.of(), List.of("Id"), List.of("SystemModstamp"),
        Cursor.of("SystemModstamp", "2024-01-01T00:00:05Z", "Id", "006Tn0000000000IAA"), Duration.ofMinutes(10), 100);
    assertThat(SalesforceCursor.lowerBound(Cursor.START, request)).isEqualTo("SystemModstamp >= 2023-12-31T23:50:05Z");
    assertThat(SalesforceCursor.lowerBound(Cursor.of("SystemModstamp", "2024-01-01T00:00:05.250Z", "Id",
        "006Tn0000000000IAA"), request)).isEqualTo("(SystemModstamp > 2024-01-01T00:00:05.250Z OR (SystemModstamp ="
        + " 2024-01-01T00:00:05.250Z AND Id > '006Tn0000000000IAA'))");
  }
}
