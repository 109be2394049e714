package io.tributary.reliability.configspace;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The type of the source's {@code updated_at} column and whether it is the stream's cursor. The test's clock for a
 * kind produces cursor values in the column's own type, so the model orders them as the source database does.
 */
enum CursorKind {
  NONE("timestamptz"),
  TIMESTAMPTZ("timestamptz"),
  LOCAL_TIMESTAMP("timestamp without time zone"),
  BIGINT("bigint"),
  DATE("date");

  final String sqlType;

  CursorKind(String sqlType) {
    this.sqlType = sqlType;
  }

  boolean isCursor() {
    return this != NONE;
  }

  /**
   * The first clock value of a case; {@code base} picks an adversarial region (a DST transition, an extreme). Dates
   * stay below 9999-12-31, the last one every warehouse holds, however many rows a case adds.
   */
  Comparable<?> start(ZoneId zone, int base) {
    return switch (this) {
      case NONE, TIMESTAMPTZ -> Instant.parse("2024-03-31T00:30:00Z");
      case LOCAL_TIMESTAMP -> nearTransition(zone, base % 2 == 0);
      case BIGINT -> new long[] {0L, Long.MIN_VALUE + 7, Long.MAX_VALUE - 100_000L}[base % 3];
      case DATE -> new LocalDate[] {LocalDate.of(2024, 3, 30), LocalDate.of(9995, 1, 1)}[base % 2];
    };
  }

  /** The next clock value: equal (a tie across page and run boundaries) or a little later. */
  @SuppressWarnings("unchecked")
  Comparable<Object> advance(Comparable<?> value, Random random) {
    int step = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(25);
    Object next = switch (this) {
      case NONE, TIMESTAMPTZ -> ((Instant) value).plusSeconds(60L * step + (step == 0 ? 0 : random.nextInt(60)));
      case LOCAL_TIMESTAMP -> ((LocalDateTime) value).plusMinutes(step);
      case BIGINT -> (Long) value + step;
      case DATE -> ((LocalDate) value).plusDays(step == 0 ? 0 : 1 + step / 10);
    };
    return (Comparable<Object>) next;
  }

  Comparable<?> oneUnitLater(Comparable<?> value) {
    return switch (this) {
      case NONE, TIMESTAMPTZ -> ((Instant) value).plusSeconds(60);
      case LOCAL_TIMESTAMP -> ((LocalDateTime) value).plusMinutes(1);
      case BIGINT -> (Long) value + 1;
      case DATE -> ((LocalDate) value).plusDays(1);
    };
  }

  /** A SQL literal of {@code value} in the column's type. */
  String literal(Object value) {
    return switch (this) {
      case NONE, TIMESTAMPTZ -> "timestamptz '" + value.toString().replace("T", " ").replace("Z", "+00") + "'";
      case LOCAL_TIMESTAMP -> "timestamp '" + value.toString().replace("T", " ") + "'";
      case BIGINT -> value.toString();
      case DATE -> "date '" + value + "'";
    };
  }

  /**
   * The instants a warehouse may hold for a source value: a wall-clock time in a DST gap or overlap has two
   * defensible readings (either offset around the transition), any other has one.
   */
  List<Instant> instantsFor(Object value, ZoneId zone) {
    return switch (this) {
      case NONE, TIMESTAMPTZ -> List.of((Instant) value);
      case LOCAL_TIMESTAMP -> localInstants((LocalDateTime) value, zone);
      case BIGINT, DATE -> List.of();
    };
  }

  private static List<Instant> localInstants(LocalDateTime local, ZoneId zone) {
    List<Instant> out = new ArrayList<>();
    List<ZoneOffset> valid = zone.getRules().getValidOffsets(local);
    for (ZoneOffset o : valid) {
      out.add(local.toInstant(o));
    }
    if (valid.isEmpty()) {
      ZoneOffsetTransition gap = zone.getRules().getTransition(local);
      out.add(local.toInstant(gap.getOffsetBefore()));
      out.add(local.toInstant(gap.getOffsetAfter()));
    }
    return out;
  }

  /** Half an hour of wall-clock time before the zone's spring gap or autumn overlap of 2024. */
  private static LocalDateTime nearTransition(ZoneId zone, boolean gap) {
    ZoneOffsetTransition t = zone.getRules().nextTransition(Instant.parse("2024-01-01T00:00:00Z"));
    while (t != null && t.isGap() != gap) {
      t = zone.getRules().nextTransition(t.getInstant());
    }
    if (t == null) {
      return LocalDateTime.of(2024, 3, 31, 1, 30);
    }
    return t.getDateTimeBefore().minusMinutes(30);
  }
}
