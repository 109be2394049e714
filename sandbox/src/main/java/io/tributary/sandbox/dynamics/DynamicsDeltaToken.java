package io.tributary.sandbox.dynamics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A {@code $deltatoken} shaped like the documented ones ({@code 919042!08/22/2017 08:10:44}, fixture
 * doc_change_tracking_delta_request.http): here the number is the sandbox clock in epoch ms when the token was issued,
 * so a delta read returns exactly the dataset rows touched, added or deleted after it.
 */
final class DynamicsDeltaToken {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss")
      .withZone(ZoneOffset.UTC);

  private DynamicsDeltaToken() {}

  static String issue(Instant at) {
    return at.toEpochMilli() + "!" + STAMP.format(at);
  }

  /** The issue time of a token, or null when it is not one this simulator issued. */
  static Instant parse(String token) {
    int bang = token == null ? -1 : token.indexOf('!');
    if (bang <= 0) {
      return null;
    }
    try {
      Instant at = Instant.ofEpochMilli(Long.parseLong(token.substring(0, bang)));
      return token.substring(bang + 1).equals(STAMP.format(at)) ? at : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
