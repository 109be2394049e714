package io.tributary.sink.postgres;

import static io.tributary.sink.postgres.PostgresSinkTestSupport.RUN_1_AT;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.at;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.run;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.Row;
import io.tributary.core.StreamSchema;
import io.tributary.core.WriteMode;
import io.tributary.testsupport.TestPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every column type goes through binary COPY and comes back through plain JDBC exactly as it went in. */
@Tag("db")
class PostgresTypeRoundTripIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StreamSchema ALL = new StreamSchema("all_types", List.of(
      Column.of("id", ColumnType.INTEGER), Column.of("s", ColumnType.STRING), Column.of("i", ColumnType.INTEGER),
      Column.of("d", ColumnType.DECIMAL), Column.decimal("d2", 12, 2), Column.of("f", ColumnType.DOUBLE),
      Column.of("b", ColumnType.BOOLEAN), Column.of("dt", ColumnType.DATE), Column.of("ts", ColumnType.TIMESTAMP),
      Column.of("j", ColumnType.JSON)), List.of("id"));

  private String schema;
  private PostgresSink sink;

  @BeforeEach
  void freshSchema() {
    schema = TestPostgres.freshSchema("pgtypes");
    sink = PostgresSinkTestSupport.sink(schema);
  }

  @AfterEach
  void closeSink() {
    sink.close();
  }

  @Test
  void everyTypeRoundTripsExactly() throws Exception {
    List<Object[]> rows = List.of(
        new Object[] {1L, "plain", Long.MAX_VALUE, new BigDecimal("0.00"), new BigDecimal("1.50"), 1.5, true,
            LocalDate.parse("2024-02-29"), Instant.parse("2024-03-10T01:02:03.123456Z"),
            "{\"a\":[1,2,{\"b\":null}],\"emoji\":\"😀\",\"n\":1.50}"},
        new Object[] {2L, "ünïcødé ✓ 😀 漢字 \t\n\"quoted\" back\\slash", Long.MIN_VALUE,
            new BigDecimal("12345678901234567890.123456789"), new BigDecimal("-9999999999.99"), -1e300, false,
            LocalDate.parse("1999-12-31"), Instant.parse("1969-12-31T23:59:59.999999Z"), "[]"},
        new Object[] {3L, "", 0L, new BigDecimal("-0.000000001"), new BigDecimal("0.01"), Double.MIN_VALUE, null,
            LocalDate.parse("0001-01-01"), Instant.parse("1999-12-31T23:59:59.999999Z"), "\"just a string\""},
        new Object[] {4L, null, null, null, null, null, null, null, null, null});
    sink.open(spec(ALL, WriteMode.MERGE, run(1, 1, RUN_1_AT)))
        .write(rows.stream().map(v -> new Row(v, false)).toList(), List.of(), at("t"));

    List<Object[]> back = new ArrayList<>();
    try (Connection c = TestPostgres.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + schema + ".all_types ORDER BY id")) {
      while (rs.next()) {
        OffsetDateTime ts = rs.getObject("ts", OffsetDateTime.class);
        back.add(new Object[] {rs.getObject("id"), rs.getString("s"), rs.getObject("i"), rs.getBigDecimal("d"),
            rs.getBigDecimal("d2"), rs.getObject("f"), rs.getObject("b"), rs.getObject("dt", LocalDate.class),
            ts == null ? null : ts.toInstant(), rs.getString("j")});
      }
    }
    assertThat(back).hasSize(rows.size());
    for (int r = 0; r < rows.size(); r++) {
      Object[] in = rows.get(r);
      Object[] out = back.get(r);
      assertThat(Arrays.copyOf(out, 9)).as("row %d", r + 1).containsExactly(Arrays.copyOf(in, 9));
      assertThat(out[9] == null ? null : JSON.readTree((String) out[9]))
          .isEqualTo(in[9] == null ? null : JSON.readTree((String) in[9]));
    }
  }

  @Test
  void decimalsKeepValueAndScaleAcrossTheEncoderPaths() throws Exception {
    List<String> values = List.of("0", "0.00", "1", "-1", "1.5", "-1.50", "0.0001", "0.00001", "10000", "9999",
        "12345.6789", "123456789012345", "1234567890123456", "-98765432109876543210.0123456789", "0.1000",
        "1E-20", "100000000", "99990000.00010000");
    StreamSchema decimals = new StreamSchema("decimals",
        List.of(Column.of("id", ColumnType.INTEGER), Column.of("v", ColumnType.DECIMAL)), List.of("id"));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      rows.add(new Row(new Object[] {(long) i, new BigDecimal(values.get(i))}, false));
    }
    rows.add(new Row(new Object[] {100L, new BigDecimal("1E+5")}, false));
    rows.add(new Row(new Object[] {101L, Long.MIN_VALUE}, false));
    rows.add(new Row(new Object[] {102L, 42}, false));
    sink.open(spec(decimals, WriteMode.APPEND, run(1, 1, RUN_1_AT))).write(rows, List.of(), at("t"));

    List<BigDecimal> back = new ArrayList<>();
    try (Connection c = TestPostgres.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM " + schema + ".decimals ORDER BY id")) {
      while (rs.next()) {
        back.add(rs.getBigDecimal(1));
      }
    }
    List<BigDecimal> expected = new ArrayList<>(values.stream().map(BigDecimal::new).toList());
    expected.add(new BigDecimal("100000"));
    expected.add(new BigDecimal("-9223372036854775808"));
    expected.add(new BigDecimal("42"));
    // BigDecimal.equals compares scale too: 1.50 must not come back as 1.5
    assertThat(back).containsExactlyElementsOf(expected);
  }

  @Test
  void decimalsAreRoundedHalfAwayFromZeroToTheColumnScaleLikePostgresDoes() {
    StreamSchema money = new StreamSchema("money",
        List.of(Column.of("id", ColumnType.INTEGER), Column.decimal("v", 6, 2)), List.of("id"));
    sink.open(spec(money, WriteMode.APPEND, run(1, 1, RUN_1_AT))).write(List.of(
        new Row(new Object[] {1L, new BigDecimal("2.345")}, false),
        new Row(new Object[] {2L, new BigDecimal("-2.345")}, false),
        new Row(new Object[] {3L, new BigDecimal("9999.994")}, false)), List.of(), at("t"));

    assertThat(PostgresSinkTestSupport.lines(schema, "money", "id, v", "id"))
        .containsExactly("1|2.35", "2|-2.35", "3|9999.99");
    assertThat(PostgresSinkTestSupport.query("SELECT 2.345::numeric(6,2)::text || ' ' || (-2.345)::numeric(6,2)"))
        .containsExactly("2.35 -2.35");
  }
}
