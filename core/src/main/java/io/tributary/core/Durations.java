package io.tributary.core;

import io.tributary.core.TributaryException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations written as {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}, {@code 0} or ISO-8601 {@code PT1H}. */
public final class Durations {

  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private Durations() {}

  public static Duration parse(String text) {
    if (text == null || text.isBlank() || text.trim().equals("0")) {
      return Duration.ZERO;
    }
    String t = text.trim();
    Matcher m = SHORT.matcher(t);
    if (m.matches()) {
      return of(Long.parseLong(m.group(1)), m.group(2));
    }
    try {
      return Duration.parse(t);
    } catch (RuntimeException e) {
      throw TributaryException.config("'" + text + "' is not a duration", "write it like 90s, 10m, 2h, 1d or PT1H");
    }
  }

  /** {@code amount} of a short unit ({@code ms}, {@code s}, {@code m}, {@code h} or {@code d}), as written in a file. */
  public static Duration of(long amount, String unit) {
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      default -> throw new IllegalArgumentException("unknown duration unit '" + unit + "'");
    };
  }
}
