package io.tributary.cli;

import io.tributary.core.Cursor;
import io.tributary.engine.state.CursorCodec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * How far a stream's data lags: now minus the time its watermark stands at. A watermark is the source's own cursor
 * text ({@code SystemModstamp 2024-01-01T00:00:00.000+0000}, a JDBC {@code updated_at}, a GA4 {@code 20240101}
 * date, HubSpot's {@code since_ms} epoch milliseconds: a key ending in {@code _ms}); its latest value that reads as
 * a time counts, written with or without an offset (none means UTC). A watermark with no time in it (an id, a token,
 * Dynamics' delta link) has no lag.
 */
final class StreamLag {

  private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .append(DateTimeFormatter.ISO_LOCAL_TIME)
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .toFormatter();

  private StreamLag() {}

  /** The latest time in a stored watermark (CursorCodec's JSON), or null. */
  static Instant watermarkTime(String watermark) {
    Cursor cursor = watermark == null ? null : CursorCodec.decode(watermark);
    if (cursor == null) {
      return null;
    }
    Instant latest = null;
    for (var e : cursor.values().entrySet()) {
      String value = e.getValue().strip();
      Instant t = e.getKey().endsWith("_ms") && value.matches("\\d{10,}") ? Instant.ofEpochMilli(Long.parseLong(value))
          : time(value);
      if (t != null && (latest == null || t.isAfter(latest))) {
        latest = t;
      }
    }
    return latest;
  }

  /** Now minus the watermark's time, or null when it has none. */
  static Duration lag(String watermark, Instant now) {
    Instant t = watermarkTime(watermark);
    return t == null ? null : Duration.between(t, now);
  }

  private static Instant time(String v) {
    try {
      if (v.matches("\\d{8}")) {
        return LocalDate.parse(v, DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (v.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      TemporalAccessor t = TIME.parseBest(v, OffsetDateTime::from, LocalDateTime::from);
      return t instanceof OffsetDateTime o ? o.toInstant() : ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
