package io.tributary.sink.bigquery;

import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import io.tributary.core.TributaryException;
import io.tributary.core.TributaryException.Kind;
import java.util.Set;

/**
 * The one place BigQuery failures become {@link TributaryException}s, classified by the error {@code reason}
 * (BigQuery docs, "Troubleshoot errors"; the retryable set is the one Google's own client retries). Messages name the
 * project and dataset, never a key.
 */
final class BigQueryErrors {

  /** API-call and job reasons worth another attempt. */
  static final Set<String> RETRYABLE = Set.of("rateLimitExceeded", "backendError", "internalError", "badGateway",
      "jobBackendError", "jobInternalError", "jobRateLimitExceeded");

  private final String project;
  private final String dataset;

  BigQueryErrors(String project, String dataset) {
    this.project = project;
    this.dataset = dataset;
  }

  TributaryException at(BigQueryException e, String doing) {
    String reason = e.getReason() != null ? e.getReason()
        : e.getError() != null ? e.getError().getReason() : null;
    return classify(reason, e.getCode(), e.getMessage(), doing, e);
  }

  /** A job that finished with {@code status.errorResult}: the only sign a job failed. */
  TributaryException jobFailed(BigQueryError errorResult, String jobId, String doing) {
    return classify(errorResult.getReason(), 0, errorResult.getMessage() + " (job " + jobId
        + (errorResult.getLocation() == null ? "" : ", at " + errorResult.getLocation()) + ")", doing, null);
  }

  private TributaryException classify(String reason, int httpCode, String message, String doing, Throwable cause) {
    String what = "BigQuery project " + project + " failed while " + doing + " ["
        + (reason == null ? "HTTP " + httpCode : reason) + "]: " + message;
    if ((reason != null && RETRYABLE.contains(reason)) || httpCode == 429 || httpCode >= 500 || httpCode == 0
        && reason == null) {
      return TributaryException.transientFailure(what, cause);
    }
    if ("quotaExceeded".equals(reason)) {
      return new TributaryException(Kind.QUOTA, what, "the project's BigQuery quota for today is used up (load jobs"
          + " per table, DML, or bytes): run again after the quota resets; Tributary resumes where it stopped", cause);
    }
    if (httpCode == 401 || "accessDenied".equals(reason) || httpCode == 403) {
      return new TributaryException(Kind.AUTH, what, "grant the service account roles/bigquery.dataEditor on"
          + " dataset " + dataset + " and roles/bigquery.jobUser on project " + project
          + " (see docs/sinks/bigquery.md)", cause);
    }
    if ("notFound".equals(reason) || httpCode == 404) {
      return new TributaryException(Kind.CONFIG, what, "check sink.project, sink.dataset and sink.location", cause);
    }
    return new TributaryException(Kind.CONFIG, what,
        "fix what the message names (schema, value or option), then run again", cause);
  }
}
