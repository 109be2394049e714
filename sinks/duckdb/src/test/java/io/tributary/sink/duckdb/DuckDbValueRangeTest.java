package io.tributary.sink.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Values the DuckDB Appender would overflow on are refused row by row (issue 16, finding 8). */
@Tag("unit")
class DuckDbValueRangeTest {

  @Test
  void timestampsDatesAndDecimalsBeyondDuckDbAreRefusedWithTheColumnAndTheLimit() {
    Map<String, DuckDbType> table = new LinkedHashMap<>();
    table.put("id", new DuckDbType("BIGINT", 0, 0));
    table.put("at", new DuckDbType("TIMESTAMPTZ", 0, 0));
    table.put("day", new DuckDbType("DATE", 0, 0));
    table.put("amount", new DuckDbType("DECIMAL", 38, 9));
    DuckDbValueRange range = DuckDbValueRange.of(table, List.of(new Column("ID", ColumnType.INTEGER, 0, 0, false),
        new Column("at", ColumnType.TIMESTAMP, 0, 0, true), new Column("day", ColumnType.DATE, 0, 0, true),
        new Column("amount", ColumnType.DECIMAL, 0, 0, true)));

    assertThat(range.refusal(row(1L, Instant.parse("2024-01-01T00:00:00Z"), LocalDate.of(2024, 1, 1),
        new BigDecimal("12345678901234567890123456789.123456789")))).isNull();
    assertThat(range.refusal(row(2L, Instant.parse("+300000-01-01T00:00:00Z"), null, null)))
        .isEqualTo("column at: timestamp +300000-01-01T00:00:00Z is outside DuckDB's TIMESTAMPTZ range"
            + " (-290308-12-22T00:00:00Z to +294247-01-10T04:00:54.775807Z)");
    assertThat(range.refusal(row(3L, null, LocalDate.of(-6_000_000, 1, 1), null)))
        .isEqualTo("column day: date -6000000-01-01 is outside DuckDB's range for DATE (-5877641-06-25 to"
            + " +5881580-07-10)");
    assertThat(range.refusal(row(4L, null, null, new BigDecimal("1E+40"))))
        .isEqualTo("column amount: value 10000000000000000000000000000000000000000 does not fit DECIMAL(38,9)");
  }

  private static Row row(Object... values) {
    return new Row(values, false);
  }
}
