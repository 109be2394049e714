package io.tributary.source.netsuite;

import io.tributary.core.ColumnType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a SuiteQL item (all strings) into record fields: TO_CHAR datetimes become Instants in the account's time zone
 * (the earlier instant inside a DST overlap), dates LocalDates, keys Longs. Anything that does not parse stays the
 * raw string so the engine's mapping quarantines the record with a reason instead of this reader dropping it.
 */
record NetSuiteValues(NetSuiteStream stream, ZoneId zone) {

  Map<String, Object> fields(Map<String, Object> item) {
    Map<String, Object> out = new LinkedHashMap<>();
    stream.columns().forEach((name, type) -> out.put(name, value(item.get(name), type)));
    return out;
  }

  Object value(Object raw, ColumnType type) {
    if (!(raw instanceof String s)) {
      return raw;
    }
    try {
      return switch (type) {
        case TIMESTAMP -> LocalDateTime.parse(s, SuiteQlStatement.LOCAL_TS).atZone(zone).withEarlierOffsetAtOverlap()
            .toInstant();
        case DATE -> LocalDate.parse(s);
        case INTEGER -> Long.parseLong(s);
        default -> s;
      };
    } catch (DateTimeParseException | NumberFormatException e) {
      return s;
    }
  }
}
