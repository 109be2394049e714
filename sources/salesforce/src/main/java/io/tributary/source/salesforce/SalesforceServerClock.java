package io.tributary.source.salesforce;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Salesforce's own clock as its answers state it: the latest HTTP {@code Date} header (RFC 9110 section 6.6.1; the
 * recorded Salesforce responses in the fixtures carry one, to the second). Compared with a Bulk job's
 * {@code createdDate}, it tells which jobs were created after a given answer without trusting this machine's clock.
 */
final class SalesforceServerClock {

  private final AtomicReference<Instant> latest = new AtomicReference<>();

  /** Records the answer's {@code Date}, if it has a readable one. */
  void saw(HttpHeaders headers) {
    headers.firstValue("Date").ifPresent(value -> {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        latest.accumulateAndGet(at, (a, b) -> a == null || b.isAfter(a) ? b : a);
      } catch (DateTimeParseException ignored) {
        // An unreadable Date only leaves the previous reading in place.
      }
    });
  }

  /** The latest {@code Date} seen, or this machine's clock when no answer carried one yet. */
  Instant now() {
    Instant at = latest.get();
    return at == null ? Instant.now() : at;
  }
}
