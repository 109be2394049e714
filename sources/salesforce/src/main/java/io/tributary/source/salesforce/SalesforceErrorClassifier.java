package io.tributary.source.salesforce;

import io.tributary.core.TributaryException;
import io.tributary.http.Classification;
import io.tributary.http.ErrorClass;
import io.tributary.http.ErrorClassifier;
import io.tributary.http.RetryAfter;
import java.net.http.HttpHeaders;
import java.time.Clock;

/**
 * Adapts {@link SalesforceErrors} (the one place Salesforce error codes are decided) to the HTTP client: a 401
 * INVALID_SESSION_ID is an expired token (refresh once, retry once), 429/5xx and QUERY_TIMEOUT are retried honouring
 * Retry-After, 403 REQUEST_LIMIT_EXCEEDED stops the run as QUOTA, INVALID_FIELD and friends fail fast as CONFIG with
 * the vendor message and a fix hint.
 */
final class SalesforceErrorClassifier implements ErrorClassifier {

  private final Clock clock = Clock.systemUTC();

  @Override
  public Classification classify(int status, HttpHeaders headers, String body) {
    SalesforceError e = SalesforceErrors.parse(status, body);
    String vendor = e.errorCode() == null ? null
        : e.errorCode() + (e.message() == null ? "" : ": " + e.message());
    if (SalesforceErrors.isExpiredSession(status, body) || status == 401 && e.errorCode() == null) {
      return Classification.of(ErrorClass.AUTH_EXPIRED, vendor);
    }
    TributaryException typed = SalesforceErrors.classify(status, body, "call");
    ErrorClass c = switch (typed.kind()) {
      case TRANSIENT -> ErrorClass.TRANSIENT;
      case QUOTA -> ErrorClass.QUOTA;
      case AUTH -> ErrorClass.AUTH;
      case RECORD -> ErrorClass.RECORD;
      default -> ErrorClass.CONFIG;
    };
    Classification out = new Classification(c, vendor, typed.hint(), null);
    if (c == ErrorClass.TRANSIENT) {
      out = out.withRetryAfter(RetryAfter.parse(headers.firstValue("Retry-After").orElse(null), clock));
    }
    return out;
  }
}
