package io.tributary.source.jdbc;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;

/**
 * Reads the text of a saved timestamp cursor back as the column's own type. The form of the text says which type
 * wrote it: a wall-clock time has no offset ({@code 2024-03-31T02:30:00}), an instant ends in {@code Z}. A cursor
 * saved in the other form is either converted the safe way (an instant on a wall-clock column, as versions before
 * issue 16 saved them) or refused (a wall-clock time on a {@code timestamptz} column has no single instant).
 */
final class CursorText {

  private CursorText() {}

  static Instant instant(String text, JdbcColumn column) {
    if (!hasOffset(text)) {
      throw JdbcValues.wrongCursorType(column, text);
    }
    return Instant.parse(text);
  }

  static LocalDateTime wallClock(String text, JdbcColumn column, ZoneId zone) {
    if (!hasOffset(text)) {
      return LocalDateTime.parse(text);
    }
    try {
      return savedAsInstant(Instant.parse(text), zone);
    } catch (DateTimeParseException e) {
      throw JdbcValues.wrongCursorType(column, text);
    }
  }

  /**
   * An older cursor: the wall-clock value was turned into an instant in {@code zone}, which moved a time in a spring
   * gap forward by the gap. The wall-clock time it came from is at most one gap earlier; resuming there re-reads
   * at most that much (merge makes it harmless) and never skips a row.
   */
  static LocalDateTime savedAsInstant(Instant saved, ZoneId zone) {
    LocalDateTime local = LocalDateTime.ofInstant(saved, zone);
    ZoneOffsetTransition last = zone.getRules().previousTransition(saved.plusNanos(1));
    if (last != null && last.isGap() && !local.isBefore(last.getDateTimeAfter())
        && local.isBefore(last.getDateTimeAfter().plus(last.getDuration()))) {
      return local.minus(last.getDuration());
    }
    return local;
  }

  private static boolean hasOffset(String text) {
    int t = text.indexOf('T');
    return t > 0 && (text.endsWith("Z") || text.indexOf('+', t) > 0 || text.indexOf('-', t) > 0);
  }
}
