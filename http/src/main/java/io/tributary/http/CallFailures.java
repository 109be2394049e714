package io.tributary.http;

import io.tributary.core.Redactor;

import io.tributary.core.TributaryException;
import io.tributary.core.TributaryException.Kind;
import java.net.URI;
import java.time.Duration;

/**
 * Turns a classified error response into the exception the caller sees. Messages name platform, method, URL path
 * (never the query string) and status, plus the vendor's (redacted) words.
 */
final class CallFailures {

  private final HttpSettings settings;

  CallFailures(HttpSettings settings) {
    this.settings = settings;
  }

  String describe(String method, URI uri, String what) {
    return settings.platform() + " " + method + " " + Redactor.path(uri) + ": " + what;
  }

  RuntimeException fromResponse(String method, URI uri, int status, Classification c, boolean afterRefresh) {
    String msg = describe(method, uri, "HTTP " + status
        + (c.vendorMessage() == null ? "" : " — " + c.vendorMessage()));
    return switch (c.errorClass()) {
      case TRANSIENT -> transientFailure(msg, c.retryAfter(), status == 429 || status == 503);
      case AUTH_EXPIRED -> TributaryException.auth(
          msg + (afterRefresh ? " (again, after refreshing the token)" : ""),
          afterRefresh
              ? "the platform rejected a freshly issued token: check that the integration user is active, the"
                  + " connected app is still authorized, and the credentials point at the right environment"
              : "this credential type cannot be refreshed: issue a new token and update the secret it references");
      case AUTH -> TributaryException.auth(msg, or(c.hint(), "check the credentials the job file references"));
      case CONFIG -> TributaryException.config(msg, or(c.hint(), "check the request settings in the job file"));
      case QUOTA -> new TributaryException(Kind.QUOTA, msg,
          or(c.hint(), "run again after the platform's quota resets; the cursor is saved"), null);
      case RECORD -> new TributaryException(Kind.RECORD, msg, c.hint(), null);
    };
  }

  private RuntimeException transientFailure(String msg, Duration retryAfter, boolean unprocessed) {
    if (retryAfter != null && retryAfter.compareTo(settings.maxRetryWait()) > 0) {
      return TributaryException.transientFailure(msg + "; the platform asked to wait " + retryAfter.toSeconds()
          + " s (Retry-After), more than max_retry_wait " + settings.maxRetryWait().toSeconds()
          + " s, so the run stops here", null);
    }
    return new TransientCallFailure(msg, retryAfter, null, unprocessed);
  }

  private static String or(String a, String b) {
    return a == null ? b : a;
  }
}
