package io.tributary.source.rest;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Locale;

/**
 * How a cursor bound is written in a request ({@code cursor.format} of a definition), and how cursor values read from
 * records compare. Record values are read leniently (ISO-8601 with or without offset, a date, epoch seconds or
 * milliseconds), so the watermark is stored exactly as the platform wrote it and only formatted when sent back.
 */
sealed interface CursorFormat {

  /** Writes a bound; {@code raw} is a watermark value as read from a record. */
  String write(String raw, Duration lookback);

  /** Writes an instant (an upper bound, a start). */
  String write(Instant instant);

  /** Whether a record's value can be a watermark: a garbled time must never become one. */
  boolean accepts(String raw);

  static CursorFormat of(String spec) {
    String s = spec == null ? "iso8601" : spec.trim();
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "iso8601" -> new Time(DateTimeFormatter.ISO_INSTANT, null);
      case "iso8601_millis" -> new Time(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
          .withZone(ZoneOffset.UTC), null);
      case "epoch_seconds" -> new Time(null, ChronoUnit.SECONDS);
      case "epoch_millis" -> new Time(null, ChronoUnit.MILLIS);
      case "date" -> new Time(DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC), null);
      case "number", "string" -> new Plain();
      default -> {
        try {
          yield new Time(DateTimeFormatter.ofPattern(s, Locale.ROOT).withZone(ZoneOffset.UTC), null);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("'" + s + "' is not a cursor format (" + e.getMessage() + ")");
        }
      }
    };
  }

  /** Orders raw cursor values: as instants when both read as times, as numbers when both are numbers, else text. */
  Comparator<String> ORDER = (a, b) -> {
    Instant ia = instant(a);
    Instant ib = instant(b);
    if (ia != null && ib != null) {
      return ia.compareTo(ib);
    }
    try {
      return new BigDecimal(a).compareTo(new BigDecimal(b));
    } catch (NumberFormatException e) {
      return a.compareTo(b);
    }
  };

  /** A record's cursor value as an instant, or null when it is no time. */
  static Instant instant(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String t = raw.trim();
    if (t.matches("\\d{9,11}")) {
      return Instant.ofEpochSecond(Long.parseLong(t));
    }
    if (t.matches("\\d{12,14}")) {
      return Instant.ofEpochMilli(Long.parseLong(t));
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (RuntimeException notOffset) {
      try {
        return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      } catch (RuntimeException notLocal) {
        try {
          return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (RuntimeException notDate) {
          return null;
        }
      }
    }
  }

  /** A time bound written by a formatter or as epoch units. */
  record Time(DateTimeFormatter formatter, ChronoUnit epochUnit) implements CursorFormat {
    @Override
    public String write(String raw, Duration lookback) {
      Instant i = instant(raw);
      if (i == null) {
        throw new IllegalStateException("cursor value '" + raw + "' is not a time");
      }
      return write(i.minus(lookback));
    }

    @Override
    public String write(Instant instant) {
      if (epochUnit == ChronoUnit.SECONDS) {
        return Long.toString(instant.getEpochSecond());
      }
      if (epochUnit == ChronoUnit.MILLIS) {
        return Long.toString(instant.toEpochMilli());
      }
      return formatter.format(instant);
    }

    @Override
    public boolean accepts(String raw) {
      return instant(raw) != null;
    }
  }

  /** A number or an opaque value, sent as read (no lookback). */
  record Plain() implements CursorFormat {
    @Override
    public String write(String raw, Duration lookback) {
      return raw;
    }

    @Override
    public String write(Instant instant) {
      return instant.toString();
    }

    @Override
    public boolean accepts(String raw) {
      return raw != null && !raw.isBlank();
    }
  }
}
