package io.tributary.sandbox.netsuite;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Writes one result item as SuiteQL does: every value a JSON string, nulls left out, booleans {@code T}/{@code F},
 * and dates and datetimes without TO_CHAR in the user's date format preference ({@code M/d/yyyy}), which drops the
 * time of day: readers must select datetimes through TO_CHAR to keep it.
 */
final class SuiteQlRenderer {

  private static final DateTimeFormatter USER_DATE = DateTimeFormatter.ofPattern("M/d/yyyy", Locale.ROOT);
  private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
  private static final DateTimeFormatter ISO_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private final ZoneId zone;

  SuiteQlRenderer(ZoneId zone) {
    this.zone = zone;
  }

  void write(ObjectNode item, SuiteQlQuery q, Map<String, Object> values) {
    item.putArray("links");
    for (SuiteQlQuery.Output o : q.select()) {
      Object v = values.get(o.column());
      if (v != null) {
        item.put(o.alias(), text(v, o.format()));
      }
    }
  }

  private String text(Object v, String format) {
    if (v instanceof Instant i) {
      var local = i.atZone(zone);
      if (format == null) {
        return USER_DATE.format(local);
      }
      return format.equals(SuiteQlParser.TIMESTAMP_FORMAT) ? ISO_TS.format(local) : ISO_DATE.format(local);
    }
    if (v instanceof LocalDate d) {
      return format == null ? USER_DATE.format(d) : ISO_DATE.format(d);
    }
    if (v instanceof Boolean b) {
      return b ? "T" : "F";
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    return v.toString();
  }
}
