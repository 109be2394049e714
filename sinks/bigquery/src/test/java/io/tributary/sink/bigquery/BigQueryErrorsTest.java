package io.tributary.sink.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import io.tributary.core.TributaryException.Kind;
import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reasons and messages as BigQuery reports them (shared/fixtures/bigquery/recorded_error_messages_notes.txt). */
@Tag("unit")
class BigQueryErrorsTest {

  private final BigQueryErrors errors = new BigQueryErrors("acme-analytics", "raw");

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "rateLimitExceeded|403|Exceeded rate limits: too many table update operations for this table|TRANSIENT",
      "backendError|500|Backend error.|TRANSIENT",
      "internalError|500|An internal error occurred and the request could not be completed.|TRANSIENT",
      "badGateway|502|Bad gateway|TRANSIENT",
      "quotaExceeded|403|Quota exceeded: Your table exceeded quota for imports or query appends per table|QUOTA",
      "accessDenied|403|Access Denied: Dataset acme-analytics:raw: Permission bigquery.tables.create denied|AUTH",
      "notFound|404|Not found: Dataset acme-analytics:raw|CONFIG",
      "invalid|400|Error while reading data, error message: JSON table encountered too many errors, giving up.|CONFIG"})
  void apiErrorsByReason(String reason, int code, String message, Kind kind) {
    BigQueryException e = new BigQueryException(code, message, new BigQueryError(reason, "global", message));
    assertThat(errors.at(e, "loading").kind()).isEqualTo(kind);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "invalid|CSV table encountered too many errors, giving up. Rows: 207048; errors: 1.|CONFIG",
      "jobBackendError|The job encountered an internal error during execution.|TRANSIENT",
      "jobRateLimitExceeded|Job exceeded rate limits|TRANSIENT"})
  void jobErrorResultsByReason(String reason, String message, Kind kind) {
    var e = errors.jobFailed(new BigQueryError(reason, "gs://b/f.json", message), "tributary_erp_load_1", "loading");
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.getMessage()).contains(message).contains("tributary_erp_load_1").contains(reason);
  }

  @org.junit.jupiter.api.Test
  void aNetworkFailureWithoutAReasonIsTransient() {
    BigQueryException e = new BigQueryException(new IOException("Connection reset"));
    assertThat(errors.at(e, "loading").kind()).isEqualTo(Kind.TRANSIENT);
  }
}
