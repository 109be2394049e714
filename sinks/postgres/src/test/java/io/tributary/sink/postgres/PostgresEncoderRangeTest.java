package io.tributary.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Row;
import io.tributary.sink.jdbc.TableLayout;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.copy.CopyIn;

/** A value PostgreSQL cannot hold refuses its row, never the chunk (issue 16, finding 8: the encoder's own guard). */
@Tag("unit")
class PostgresEncoderRangeTest {

  @Test
  void valuesBeyondPostgresRangesAreRefusedRowByRowAndTheOthersAreEncoded() throws Exception {
    TableLayout<PostgresType> layout = new TableLayout<>(PostgresDialect.INSTANCE, "s", "t",
        List.of("id", "at", "day", "amount"),
        List.of(PostgresType.of(PostgresType.Kind.BIGINT), PostgresType.of(PostgresType.Kind.TIMESTAMPTZ),
            PostgresType.of(PostgresType.Kind.DATE), PostgresType.of(PostgresType.Kind.NUMERIC)),
        List.of("id"));
    List<Row> rows = List.of(
        row(1L, Instant.parse("2024-01-01T00:00:00Z"), LocalDate.of(2024, 1, 1), new BigDecimal("1.5")),
        row(2L, Instant.parse("+300000-01-01T00:00:00Z"), null, null),
        row(3L, Instant.parse("-5000-01-01T00:00:00Z"), null, null),
        row(4L, null, LocalDate.of(6_000_000, 1, 1), null),
        row(5L, null, null, new BigDecimal("1E+200000")),
        row(6L, Instant.parse("+294276-12-31T23:59:59Z"), LocalDate.of(-4713, 11, 24), null));
    List<String> refused = new ArrayList<>();
    int[] bytes = {0};
    CopyIn copy = (CopyIn) Proxy.newProxyInstance(CopyIn.class.getClassLoader(), new Class<?>[] {CopyIn.class},
        (proxy, method, args) -> {
          if (method.getName().equals("writeToCopy")) {
            bytes[0] += (Integer) args[2];
          }
          return method.getReturnType() == long.class ? 0L : method.getReturnType() == int.class ? 0
              : method.getReturnType() == boolean.class ? false : null;
        });

    new PostgresBinaryCopyEncoder(layout).encode(copy, rows, Instant.EPOCH, 1, false,
        (index, reason) -> refused.add(index + " " + reason));

    assertThat(refused).containsExactly(
        "1 column at: timestamp +300000-01-01T00:00:00Z is outside PostgreSQL's timestamptz range"
            + " (-4713-11-24T00:00:00Z to +294276-12-31T23:59:59.999999Z)",
        "2 column at: timestamp -5000-01-01T00:00:00Z is outside PostgreSQL's timestamptz range"
            + " (-4713-11-24T00:00:00Z to +294276-12-31T23:59:59.999999Z)",
        "3 column day: date +6000000-01-01 is outside PostgreSQL's date range (-4713-11-24 to +5874897-12-31)",
        "4 column amount: value 1E+200000 is outside PostgreSQL's numeric range (131072 digits before the point,"
            + " 16383 after)");
    assertThat(bytes[0]).isPositive();
  }

  private static Row row(Object... values) {
    return new Row(values, false);
  }
}
