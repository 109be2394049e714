package io.tributary.mapping;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Parses the ISO-8601 shapes that nearly every source sends ({@code 2024-01-15}, {@code 2024-01-15T10:20:30Z},
 * {@code 2024-01-15 10:20:30.123456+01:00}, {@code ...+0100}, {@code ...+01}, or no offset) by hand, without a
 * {@link java.time.format.DateTimeFormatter}, which costs about ten times as much per value. Anything else, and any
 * out-of-range field, returns null so the caller's formatter decides, including the error message: this class only
 * ever returns what the formatter would have returned.
 */
final class IsoDateTimeFastPath {

  private IsoDateTimeFastPath() {}

  /** {@code yyyy-MM-dd}, or null. */
  static LocalDate date(String s) {
    if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    if ((year | month | day) < 0) {
      return null;
    }
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** {@code yyyy-MM-dd[T ]HH:mm[:ss[.f…]][Z|±HH[[:]mm]]}; local times are in {@code zone}; or null. */
  static Instant timestamp(String s, ZoneId zone) {
    int n = s.length();
    char separator = n < 16 ? 0 : s.charAt(10); // ISO_LOCAL_DATE_TIME parses case-insensitively: 't' is fine
    if (separator != 'T' && separator != 't' && separator != ' ' || s.charAt(13) != ':') {
      return null;
    }
    LocalDate date = date(s.substring(0, 10));
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    if (date == null || (hour | minute) < 0) {
      return null;
    }
    int i = 16;
    int second = 0;
    int nano = 0;
    if (i < n && s.charAt(i) == ':') {
      second = digits(s, i + 1, 2);
      if (second < 0) {
        return null;
      }
      i += 3;
      if (i < n && s.charAt(i) == '.') {
        int start = ++i;
        while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
          nano = nano * 10 + s.charAt(i++) - '0';
        }
        if (i == start || i < n && isDigit(s.charAt(i))) {
          return null;
        }
        for (int k = i - start; k < 9; k++) {
          nano *= 10;
        }
      }
    }
    LocalDateTime local;
    try {
      local = LocalDateTime.of(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), hour, minute, second, nano);
    } catch (DateTimeException e) {
      return null;
    }
    if (i == n) {
      return local.atZone(zone).toInstant();
    }
    ZoneOffset offset = offset(s, i);
    return offset == null ? null : local.toInstant(offset);
  }

  /** {@code Z}, {@code ±HH}, {@code ±HHmm} or {@code ±HH:mm} running to the end of {@code s}, or null. */
  private static ZoneOffset offset(String s, int i) {
    int rest = s.length() - i;
    char sign = s.charAt(i);
    if (sign == 'Z' || sign == 'z') { // the formatter's offset parser takes a lower-case z too
      return rest == 1 ? ZoneOffset.UTC : null;
    }
    if (sign != '+' && sign != '-' || rest != 3 && rest != 5 && rest != 6) {
      return null;
    }
    int hours = digits(s, i + 1, 2);
    int minutes = rest == 3 ? 0 : rest == 5 ? digits(s, i + 3, 2) : s.charAt(i + 3) == ':' ? digits(s, i + 4, 2) : -1;
    if ((hours | minutes) < 0) {
      return null;
    }
    try {
      return sign == '+' ? ZoneOffset.ofHoursMinutes(hours, minutes) : ZoneOffset.ofHoursMinutes(-hours, -minutes);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The value of {@code count} ASCII digits at {@code from}, or -1. */
  private static int digits(String s, int from, int count) {
    if (from + count > s.length()) {
      return -1;
    }
    int v = 0;
    for (int k = from; k < from + count; k++) {
      char c = s.charAt(k);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + c - '0';
    }
    return v;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
