package io.tributary.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The hand parser against the JDK's formatters on many generated strings, valid and not: whenever it answers, the
 * formatter gives the same value; and it does answer for the everyday shapes.
 */
@Tag("unit")
class IsoDateTimeFastPathTest {

  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final DateTimeFormatter REFERENCE = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendPattern("[XX][XXX][X]").toFormatter(Locale.ROOT);

  private static Instant reference(String s) {
    try {
      var parsed = REFERENCE.parseBest(s.replaceFirst(" ", "T"), OffsetDateTime::from, LocalDateTime::from);
      return parsed instanceof OffsetDateTime o ? o.toInstant() : ((LocalDateTime) parsed).atZone(ZONE).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean strictlyValid(String s) {
    try {
      REFERENCE.withResolverStyle(java.time.format.ResolverStyle.STRICT).parse(s.replaceFirst(" ", "T"));
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static LocalDate referenceDate(String s) {
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Test
  void agreesWithTheFormatterOnGeneratedStrings() {
    Random random = new Random(20261204);
    List<String> dates = List.of("2024-01-15", "2024-02-29", "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31",
        "0001-01-01", "9999-12-31", "2024-1-15", "2024/01/15", "20240115", "2024-01-1x");
    List<String> times = List.of("T10:20:30", " 10:20:30", "T10:20", "T23:59:59", "T24:00:00", "T10:60:00",
        "T10:20:60", "T1:20:30", "t10:20:30", "T10-20-30", "T00:00");
    List<String> fractions = List.of("", ".1", ".123", ".123456", ".123456789", ".1234567891", ".", ".12a");
    List<String> offsets = List.of("", "Z", "z", "+01:00", "-05:30", "+0100", "-0530", "+01", "-00", "+18:00",
        "+19:00", "+01:60", "+1", "+01:0", "Z ", "+01:00[Europe/Paris]", "GMT");
    int answered = 0;
    for (int i = 0; i < 20_000; i++) {
      String s = pick(random, dates) + pick(random, times) + pick(random, fractions) + pick(random, offsets);
      Instant fast = IsoDateTimeFastPath.timestamp(s, ZONE);
      if (fast == null && strictlyValid(s) && !s.matches(".*:\\d\\d\\.(\\D.*)?$")) {
        throw new AssertionError("the fast path declined the plain ISO value " + s);
      }
      if (fast != null) {
        answered++;
        assertThat(fast).as(s).isEqualTo(reference(s));
      }
    }
    // it declines only what the formatter accepts by its SMART resolving (2024-04-31 read as 04-30, 24:00) and a
    // fraction with no digits, and leaves those to it
    assertThat(answered).as("strings the fast path answered").isPositive();
    for (String d : dates) {
      LocalDate fast = IsoDateTimeFastPath.date(d);
      if (fast != null) {
        assertThat(fast).as(d).isEqualTo(referenceDate(d));
      }
    }
  }

  @Test
  void answersTheEverydayShapes() {
    assertThat(IsoDateTimeFastPath.timestamp("2024-01-15T10:20:30Z", ZONE)).isEqualTo("2024-01-15T10:20:30Z");
    assertThat(IsoDateTimeFastPath.timestamp("2024-01-15T10:20:30.000+0000", ZONE)).isEqualTo("2024-01-15T10:20:30Z");
    assertThat(IsoDateTimeFastPath.timestamp("2024-01-15 10:20:30.123456+01:00", ZONE))
        .isEqualTo("2024-01-15T09:20:30.123456Z");
    assertThat(IsoDateTimeFastPath.timestamp("2024-07-15T10:20:30", ZONE)).isEqualTo("2024-07-15T08:20:30Z");
    assertThat(IsoDateTimeFastPath.date("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(IsoDateTimeFastPath.date("2023-02-29")).isNull();
    assertThat(IsoDateTimeFastPath.timestamp("/Date(1700000000000)/", ZONE)).isNull();
  }

  private static String pick(Random random, List<String> values) {
    return values.get(random.nextInt(values.size()));
  }
}
