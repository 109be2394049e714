package io.tributary.sink.duckdb;

import io.tributary.core.Column;
import io.tributary.core.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The values a DuckDB table can hold, checked before the Appender sees a row: the Appender fails the whole chunk on
 * an overflow (micros of a timestamp, digits of a decimal), and would fail it the same way on every rerun. The
 * mapping already refuses dates and timestamps outside 0001..9999; this is the guard for what reaches the sink anyway.
 */
final class DuckDbValueRange {

  /** DuckDB's TIMESTAMPTZ holds 290309 BC to 294247 AD as epoch microseconds (DuckDB docs, "Timestamp Types"). */
  private static final Instant MIN_TIMESTAMP = Instant.parse("-290308-12-22T00:00:00Z");
  private static final Instant END_TIMESTAMP = Instant.parse("+294247-01-10T04:00:54.775807Z");
  /** DATE: 5877642 BC to 5881580 AD (DuckDB docs, "Date Types"). */
  private static final LocalDate MIN_DATE = LocalDate.of(-5_877_641, 6, 25);
  private static final LocalDate MAX_DATE = LocalDate.of(5_881_580, 7, 10);

  private record Check(int index, String column, DuckDbType type) {}

  private final Check[] checks;

  private DuckDbValueRange(Check[] checks) {
    this.checks = checks;
  }

  static DuckDbValueRange of(Map<String, DuckDbType> tableColumns, List<Column> streamColumns) {
    List<Check> checks = new ArrayList<>();
    for (int i = 0; i < streamColumns.size(); i++) {
      String name = streamColumns.get(i).name().toLowerCase(Locale.ROOT);
      DuckDbType type = tableColumns.get(name);
      if (type != null && (type.isDecimal() || type.base().equals("TIMESTAMPTZ") || type.base().equals("DATE"))) {
        checks.add(new Check(i, name, type));
      }
    }
    return new DuckDbValueRange(checks.toArray(Check[]::new));
  }

  String refusal(Row row) {
    Object[] values = row.values();
    for (Check check : checks) {
      Object v = check.index() < values.length ? values[check.index()] : null;
      String problem = v == null ? null : problem(v, check.type());
      if (problem != null) {
        return "column " + check.column() + ": " + problem;
      }
    }
    return null;
  }

  private static String problem(Object v, DuckDbType type) {
    if (v instanceof Instant t && (t.isBefore(MIN_TIMESTAMP) || !t.isBefore(END_TIMESTAMP))) {
      return "timestamp " + t + " is outside DuckDB's TIMESTAMPTZ range (" + MIN_TIMESTAMP + " to " + END_TIMESTAMP
          + ")";
    }
    if (v instanceof LocalDate d && (d.isBefore(MIN_DATE) || d.isAfter(MAX_DATE))) {
      return "date " + d + " is outside DuckDB's range for " + type.ddl() + " (" + MIN_DATE + " to " + MAX_DATE + ")";
    }
    if (type.isDecimal() && v instanceof BigDecimal d && d.signum() != 0
        && d.precision() - d.scale() > type.precision() - type.scale()) {
      String text = d.toPlainString();
      return "value " + (text.length() <= 60 ? text : d.toString()) + " does not fit " + type.ddl();
    }
    return null;
  }
}
