package io.tributary.http;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;

/**
 * Status-code rules that hold for most REST APIs: 408/429/500/502/503/504 transient (with Retry-After), 401 token
 * expired, 403 permission denied, other 4xx configuration. Platform classifiers usually delegate here for what they
 * do not special-case: a platform's classifier extends this and calls {@code super.classify} last.
 */
public class DefaultErrorClassifier implements ErrorClassifier {

  private final Clock clock;

  public DefaultErrorClassifier() {
    this(Clock.systemUTC());
  }

  public DefaultErrorClassifier(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Classification classify(int status, HttpHeaders headers, String body) {
    String vendor = VendorMessage.extract(body);
    return switch (status) {
      case 408, 429, 500, 502, 503, 504 -> Classification.of(ErrorClass.TRANSIENT, vendor)
          .withRetryAfter(retryAfter(headers));
      case 401 -> Classification.of(ErrorClass.AUTH_EXPIRED, vendor);
      case 403 -> Classification.of(ErrorClass.AUTH, vendor)
          .withHint("grant the integration user access to this object/endpoint, or check the API scopes of the app");
      default -> status >= 500
          ? Classification.of(ErrorClass.TRANSIENT, vendor)
          : Classification.of(ErrorClass.CONFIG, vendor)
              .withHint("check the object, field and filter names in the job file against the platform's API");
    };
  }

  /** The response's {@code Retry-After} (seconds or an HTTP date, against this classifier's clock), or null. */
  protected final Duration retryAfter(HttpHeaders headers) {
    return RetryAfter.parse(headers.firstValue("Retry-After").orElse(null), clock);
  }
}
