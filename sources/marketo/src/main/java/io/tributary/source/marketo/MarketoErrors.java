package io.tributary.source.marketo;

import io.tributary.http.BodyErrorClassifier;
import io.tributary.http.Classification;
import io.tributary.http.DefaultErrorClassifier;
import io.tributary.http.ErrorClass;
import io.tributary.http.ErrorClassifier;
import io.tributary.http.RetryAfter;
import io.tributary.http.VendorMessage;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Every Marketo error rule, by the codes of error-codes.md. Marketo reports response-level errors with HTTP 200 and
 * {@code success: false} ({@link #classify(HttpHeaders, String)}); HTTP-level errors are 413/414 and the Identity
 * service's 401. 601/602 (token invalid or expired) get a new token and one retry; 604, 606 (more than 100 calls in
 * 20 s), 608, 611, 615 (more than 10 concurrent calls) and 713 are retried; 607 (daily call quota) and 1029 "Export
 * daily quota exceeded" stop the run cleanly with its cursor kept; 1029 "Too many jobs in queue" waits; 603 is a
 * permission; the remaining codes (1003 invalid data, 1035 unsupported filter...) are configuration errors.
 * Record-level codes (1003, 1005, 1015... in a result item's {@code reasons}) are {@link #recordLevel record errors}.
 */
public final class MarketoErrors implements ErrorClassifier, BodyErrorClassifier {

  /** Marketo counts calls in a rolling 20-second window (error-codes.md, 606). */
  static final Duration RATE_WINDOW = Duration.ofSeconds(20);

  private final DefaultErrorClassifier fallback;
  private final Clock clock;

  public MarketoErrors() {
    this(Clock.systemUTC());
  }

  public MarketoErrors(Clock clock) {
    this.fallback = new DefaultErrorClassifier(clock);
    this.clock = clock;
  }

  @Override
  public Classification classify(int status, HttpHeaders headers, String body) {
    String vendor = VendorMessage.extract(body);
    if (status == 401 || status == 403) {
      return Classification.of(ErrorClass.AUTH, vendor).withHint(CREDENTIALS_HINT);
    }
    if (status == 413 || status == 414) {
      return Classification.of(ErrorClass.CONFIG, vendor)
          .withHint("the request is too large for Marketo (1 MB body, 8 KB URI): list fewer fields");
    }
    if (status == 404) {
      return Classification.of(ErrorClass.CONFIG, vendor)
          .withHint("check source.base_url: the REST endpoint of Admin > Integration > Web Services, without /rest");
    }
    return fallback.classify(status, headers, body);
  }

  @Override
  public Classification classify(HttpHeaders headers, String body) {
    MarketoResponse r;
    try {
      r = MarketoResponse.parse(body);
    } catch (RuntimeException notJson) {
      return null;
    }
    if (r.success() || r.errors().isEmpty()) {
      return null;
    }
    MarketoResponse.Problem p = r.errors().get(0);
    return code(p.code(), p.message(), headers);
  }

  /** The verdict for one response-level code. */
  Classification code(String code, String message, HttpHeaders headers) {
    String vendor = code + " " + message;
    String text = message.toLowerCase(Locale.ROOT);
    switch (code) {
      case "601", "602":
        return Classification.of(ErrorClass.AUTH_EXPIRED, vendor);
      case "603":
        return Classification.of(ErrorClass.AUTH, vendor).withHint("give the API-only user's role the Read-Only"
            + " Lead and Read-Only Activity permissions (Admin > Users & Roles), and check the IP allowlist");
      case "606", "615":
        return transientAfter(vendor, headers, RATE_WINDOW);
      case "604", "608", "611", "713":
        return transientAfter(vendor, headers, null);
      case "607":
        return Classification.of(ErrorClass.QUOTA, vendor).withHint("the subscription's daily API call quota is"
            + " used up (it resets at 12:00 AM US Central); run the job again then: it continues from its cursor");
      case "1029":
        if (text.contains("quota")) {
          return Classification.of(ErrorClass.QUOTA, vendor).withHint(EXPORT_QUOTA_HINT);
        }
        if (text.contains("already queued")) {
          return Classification.of(ErrorClass.RECORD, vendor);
        }
        return transientAfter(vendor, headers, Duration.ofSeconds(30));
      case "1035":
        return Classification.of(ErrorClass.CONFIG, vendor).withHint("this subscription cannot filter lead exports"
            + " by updatedAt: set the stream's option filter: createdAt (or ask Marketo Support to enable it)");
      default:
        if (code.startsWith("6") || code.startsWith("7")) {
          return transientAfter(vendor, headers, null);
        }
        return Classification.of(ErrorClass.CONFIG, vendor).withHint("check the stream's fields and filter options"
            + " against GET /rest/v1/leads/describe.json");
    }
  }

  /** A record-level reason (1003 invalid data, 1005 lead already exists, 1015 lead not in list...): one record. */
  public static Classification recordLevel(MarketoResponse.Problem reason) {
    return Classification.of(ErrorClass.RECORD, reason.toString());
  }

  static final String CREDENTIALS_HINT = "check client_id and the client_secret the job file references: they are"
      + " the LaunchPoint custom service's (Admin > Integration > LaunchPoint > View Details), and identity_url must"
      + " be the Identity URL of Admin > Integration > Web Services";

  static final String EXPORT_QUOTA_HINT = "Marketo's daily bulk export allowance (500 MB by default, shared by all"
      + " exports) is used up; it resets at 12:00 AM US Central: run the job again after that, it continues from the"
      + " saved window";

  private Classification transientAfter(String vendor, HttpHeaders headers, Duration fallbackWait) {
    Duration wait = RetryAfter.parse(headers.firstValue("Retry-After").orElse(null), clock);
    return Classification.of(ErrorClass.TRANSIENT, vendor).withRetryAfter(wait != null ? wait : fallbackWait);
  }
}
