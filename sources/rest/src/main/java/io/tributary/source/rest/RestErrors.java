package io.tributary.source.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.Redactor;
import io.tributary.http.Classification;
import io.tributary.http.DefaultErrorClassifier;
import io.tributary.http.ErrorClass;
import io.tributary.http.ErrorClassifier;
import io.tributary.http.RetryAfter;
import io.tributary.http.VendorMessage;
import io.tributary.source.rest.RestDefinition.ErrorRule;
import io.tributary.source.rest.RestDefinition.RateLimitSpec;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A definition's error rules as the HTTP client's classifier: the first rule whose status and body pattern match
 * decides the kind and the fix; the vendor's message is taken from the header {@code errors.message_header}, else
 * from {@code errors.message} (a JSON pointer), else found by {@link VendorMessage}. Responses no rule matches get the common REST rules. A retried response waits for
 * {@code Retry-After}, or else for the definition's rate-limit reset header.
 */
final class RestErrors implements ErrorClassifier {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<ErrorRule> rules;
  private final List<Pattern> bodies;
  private final String messagePointer;
  private final String messageHeader;
  private final RateLimitSpec rateLimit;
  private final boolean refreshable;
  private final DefaultErrorClassifier common;
  private final Clock clock;

  RestErrors(RestDefinition def, RestDefinition.AuthSpec auth, Clock clock) {
    this.rules = def.errors() == null ? List.of() : def.errors().rules();
    this.bodies = rules.stream().map(r -> r.body() == null ? null : Pattern.compile(r.body())).toList();
    this.messagePointer = def.errors() == null ? null : def.errors().message();
    this.messageHeader = def.errors() == null ? null : def.errors().messageHeader();
    this.rateLimit = def.rateLimit();
    this.refreshable = auth.type().name().startsWith("OAUTH2");
    this.common = new DefaultErrorClassifier(clock);
    this.clock = clock;
  }

  /**
   * Thrown (out of the HTTP client, which neither retries it nor counts it against the circuit) when an {@code empty}
   * rule matches; {@link RestHttp#send} turns it into an empty response.
   */
  static final class NothingFound extends RuntimeException {
    NothingFound() {
      super("the platform found nothing for this request", null, false, false);
    }
  }

  @Override
  public Classification classify(int status, HttpHeaders headers, String body) {
    String vendor = messageHeader == null ? null : headers.firstValue(messageHeader).filter(v -> !v.isBlank())
        .map(Redactor::text).orElse(null);
    vendor = vendor != null ? vendor : message(body);
    for (int i = 0; i < rules.size(); i++) {
      ErrorRule r = rules.get(i);
      if (statusMatches(r.status(), status) && (bodies.get(i) == null || body != null && bodies.get(i).matcher(body)
          .find())) {
        ErrorClass c = switch (r.kind()) {
          case CONFIG -> ErrorClass.CONFIG;
          case AUTH -> status == 401 && refreshable ? ErrorClass.AUTH_EXPIRED : ErrorClass.AUTH;
          case TRANSIENT -> ErrorClass.TRANSIENT;
          case QUOTA -> ErrorClass.QUOTA;
          case RECORD -> ErrorClass.RECORD;
          case EMPTY -> throw new NothingFound();
        };
        Classification out = new Classification(c, vendor, r.fix(), null);
        return c == ErrorClass.TRANSIENT ? out.withRetryAfter(wait(headers)) : out;
      }
    }
    Classification fallback = common.classify(status, headers, body);
    Classification out = new Classification(fallback.errorClass(), vendor, fallback.hint(), fallback.retryAfter());
    return out.errorClass() == ErrorClass.TRANSIENT && out.retryAfter() == null ? out.withRetryAfter(wait(headers))
        : out;
  }

  private String message(String body) {
    if (messagePointer != null && body != null) {
      try {
        JsonNode n = JSON.readTree(body).at(messagePointer);
        if (n.isValueNode() && !n.asText().isBlank()) {
          return Redactor.text(n.asText());
        }
      } catch (Exception notJson) {
        // fall through to the generic extraction
      }
    }
    return VendorMessage.extract(body);
  }

  static boolean statusMatches(List<String> patterns, int status) {
    if (patterns.isEmpty()) {
      return true;
    }
    String s = Integer.toString(status);
    for (String p : patterns) {
      if (p.equals(s) || p.endsWith("xx") && p.charAt(0) == s.charAt(0)) {
        return true;
      }
    }
    return false;
  }

  /** Retry-After, else the rate-limit reset header (epoch seconds, or seconds to wait), else null. */
  private Duration wait(HttpHeaders headers) {
    Duration d = RetryAfter.parse(headers.firstValue("Retry-After").orElse(null), clock);
    if (d != null) {
      return d;
    }
    Instant now = clock.instant();
    Instant reset = RequestGate.resetAt(rateLimit, headers, now);
    return reset == null ? null : reset.isBefore(now) ? Duration.ZERO : Duration.between(now, reset);
  }
}
