package io.tributary.sink.duckdb;

import static io.tributary.sink.duckdb.DuckDbTestTables.ACCOUNTS;
import static io.tributary.sink.duckdb.DuckDbTestTables.account;
import static io.tributary.sink.duckdb.DuckDbTestTables.accounts;
import static io.tributary.sink.duckdb.DuckDbTestTables.query;
import static io.tributary.sink.duckdb.DuckDbTestTables.row;
import static io.tributary.sink.duckdb.DuckDbTestTables.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.Cursor;
import io.tributary.core.StreamSchema;
import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class DuckDbSinkTablesTest {

  @TempDir Path dir;
  DuckDbSink sink;

  @BeforeEach
  void open() {
    sink = DuckDbSink.open(dir.resolve("demo.duckdb"), "raw");
  }

  @AfterEach
  void close() {
    sink.close();
  }

  private void inTx(Runnable work) {
    sink.inChunk(work);
  }

  @Test
  void replaceLoadsANewTableAndSwapsItInAtFinish() throws Exception {
    TableWriter first = sink.open(spec("accounts", ACCOUNTS, WriteMode.REPLACE, 1, 10));
    inTx(() -> first.write(List.of(account(1, "a", "1.00"), account(2, "b", "2.00")), List.of(), Cursor.of("p", "1")));
    first.finish();

    TableWriter second = sink.open(spec("accounts", ACCOUNTS, WriteMode.REPLACE, 2, 11));
    inTx(() -> second.write(List.of(account(3, "c", "3.00")), List.of(), Cursor.of("p", "1")));
    assertThat(accounts(sink, "accounts")).containsExactly("1|a|1.00|false|10", "2|b|2.00|false|10");
    assertThat(accounts(sink, "accounts__tributary_new")).containsExactly("3|c|3.00|false|11");

    second.finish();
    assertThat(accounts(sink, "accounts")).containsExactly("3|c|3.00|false|11");
    assertThat(query(sink, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'raw'"
        + " AND table_name LIKE 'accounts%'")).containsExactly(Map.of("table_name", "accounts"));
  }

  @Test
  void replaceRestartOfTheSameInstanceKeepsTheChunksAlreadyLoaded() throws Exception {
    TableWriter w = sink.open(spec("accounts", ACCOUNTS, WriteMode.REPLACE, 5, 50));
    inTx(() -> w.write(List.of(account(1, "a", "1.00")), List.of(), Cursor.of("p", "1")));

    TableWriter restarted = sink.open(spec("accounts", ACCOUNTS, WriteMode.REPLACE, 5, 51));
    assertThat(restarted.committedPosition()).contains(Cursor.of("p", "1"));
    inTx(() -> restarted.write(List.of(account(2, "b", "2.00")), List.of(), Cursor.of("p", "2")));
    restarted.finish();

    assertThat(accounts(sink, "accounts")).containsExactly("1|a|1.00|false|50", "2|b|2.00|false|51");
  }

  @Test
  void evolutionAddsNewColumnsAndWidensSafely() throws Exception {
    StreamSchema v1 = new StreamSchema("s", List.of(Column.of("id", ColumnType.INTEGER),
        Column.of("qty", ColumnType.INTEGER), Column.decimal("price", 10, 2), Column.of("day", ColumnType.DATE)),
        List.of("id"));
    TableWriter w1 = sink.open(spec("items", v1, WriteMode.MERGE, 1, 1));
    inTx(() -> w1.write(List.of(row(1L, 5L, new BigDecimal("12.34"), LocalDate.of(2024, 1, 2))), List.of(), null));

    StreamSchema v2 = new StreamSchema("s", List.of(Column.of("id", ColumnType.INTEGER),
        Column.of("qty", ColumnType.DOUBLE), Column.decimal("price", 14, 4), Column.of("day", ColumnType.TIMESTAMP),
        Column.of("note", ColumnType.STRING)), List.of("id"));
    TableWriter w2 = sink.open(spec("items", v2, WriteMode.MERGE, 2, 2));
    inTx(() -> w2.write(List.of(row(2L, 2.5, new BigDecimal("1.2345"), Instant.parse("2024-03-04T05:06:07Z"), "n")),
        List.of(), null));

    assertThat(query(sink, "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'raw'"
        + " AND table_name = 'items' AND column_name NOT LIKE '\\_tributary%' ESCAPE '\\' ORDER BY ordinal_position"))
        .extracting(r -> r.get("column_name") + " " + r.get("data_type"))
        .containsExactly("id BIGINT", "qty DOUBLE", "price DECIMAL(14,4)", "day TIMESTAMP WITH TIME ZONE",
            "note VARCHAR");
    assertThat(query(sink, "SELECT id, qty, price, day, note FROM raw.items ORDER BY id"))
        .extracting(r -> r.get("id") + "|" + r.get("qty") + "|" + r.get("price") + "|" + r.get("day") + "|"
            + r.get("note"))
        .containsExactly("1|5.0|12.3400|2024-01-02T00:00:00Z|null", "2|2.5|1.2345|2024-03-04T05:06:07Z|n");
  }

  @Test
  void anIncompatibleTypeChangeNamesTableColumnAndTypes() {
    StreamSchema v1 = new StreamSchema("s", List.of(Column.of("id", ColumnType.INTEGER),
        Column.of("flag", ColumnType.BOOLEAN)), List.of("id"));
    sink.open(spec("items", v1, WriteMode.MERGE, 1, 1));
    StreamSchema v2 = new StreamSchema("s", List.of(Column.of("id", ColumnType.INTEGER),
        Column.of("flag", ColumnType.DATE)), List.of("id"));

    assertThatThrownBy(() -> sink.open(spec("items", v2, WriteMode.MERGE, 2, 2)))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG);
          assertThat(e.getMessage()).isEqualTo("table raw.items column flag is BOOLEAN in DuckDB but the stream"
              + " now delivers DATE, which cannot be converted safely");
          assertThat(e.hint()).contains("RENAME COLUMN flag TO flag_old");
        });
  }

  @Test
  void everyTypeRoundTripsExactly() throws Exception {
    StreamSchema all = new StreamSchema("t", List.of(Column.of("id", ColumnType.INTEGER),
        Column.of("s", ColumnType.STRING), Column.decimal("d", 38, 10), Column.of("u", ColumnType.DECIMAL),
        Column.of("f", ColumnType.DOUBLE), Column.of("b", ColumnType.BOOLEAN), Column.of("day", ColumnType.DATE),
        Column.of("ts", ColumnType.TIMESTAMP), Column.of("j", ColumnType.JSON)), List.of("id"));
    Object[] full = {Long.MAX_VALUE, "Zoë 😀 日本 \"q\" ,;\n", new BigDecimal("1234567890123456789012345678.0123456789"),
        new BigDecimal("-0.000000001"), -1.0E-300, true, LocalDate.of(1, 1, 1),
        Instant.parse("1969-12-31T23:59:59.999999Z"), "{\"a\":[1,2,{\"b\":null}]}"};
    Object[] empty = {-1L, "", null, null, null, null, null, null, null};
    TableWriter w = sink.open(spec("types", all, WriteMode.MERGE, 1, 1));
    inTx(() -> w.write(List.of(row(full), row(empty)), List.of(), null));

    List<Map<String, Object>> rows = query(sink, "SELECT id, s, d, u, f, b, day, ts, j::VARCHAR AS j"
        + " FROM raw.types ORDER BY id DESC");
    assertThat(rows.get(0).values()).containsExactly(full);
    assertThat(Arrays.asList(rows.get(1).values().toArray())).containsExactly(empty);
    assertThat(((BigDecimal) rows.get(0).get("d")).scale()).isEqualTo(10);
  }

  @Test
  void timestampsKeepMicrosecondsAndDropOnlyNanos() throws Exception {
    StreamSchema s = new StreamSchema("t", List.of(Column.of("id", ColumnType.INTEGER),
        Column.of("ts", ColumnType.TIMESTAMP)), List.of("id"));
    TableWriter w = sink.open(spec("ts", s, WriteMode.APPEND, 1, 1));
    inTx(() -> w.write(List.of(row(1L, Instant.parse("2024-02-29T12:34:56.123456789Z"))), List.of(), null));

    assertThat(query(sink, "SELECT ts FROM raw.ts").get(0).get("ts"))
        .isEqualTo(Instant.parse("2024-02-29T12:34:56.123456Z"));
  }

  @Test
  void committedPositionIsOnlyReturnedToTheSameJobInstance() {
    TableWriter w = sink.open(spec("accounts", ACCOUNTS, WriteMode.MERGE, 7, 70));
    inTx(() -> w.write(List.of(account(1, "a", "1.00")), List.of(), Cursor.of("updated_at", "2024-01-01", "id", "1")));

    assertThat(sink.open(spec("accounts", ACCOUNTS, WriteMode.MERGE, 7, 71)).committedPosition())
        .contains(Cursor.of("updated_at", "2024-01-01", "id", "1"));
    assertThat(sink.open(spec("accounts", ACCOUNTS, WriteMode.MERGE, 8, 80)).committedPosition()).isEmpty();
  }

  @Test
  void aTableNameWithSqlInItIsRejectedBeforeAnySql() throws Exception {
    assertThatThrownBy(() -> sink.open(spec("x\"; DROP TABLE raw._tributary_state; --", ACCOUNTS, WriteMode.MERGE,
        1, 1)))
        .isInstanceOf(TributaryException.class)
        .hasMessageContaining("is not a valid identifier");
    assertThat(query(sink, "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'raw'"))
        .containsExactly(Map.of("n", 0L));
  }

  @Test
  void martStatementsRunInTheMartsSchemaAndFailuresCarryDuckDbsMessage() throws Exception {
    TableWriter w = sink.open(spec("accounts", ACCOUNTS, WriteMode.MERGE, 1, 1));
    inTx(() -> w.write(List.of(account(1, "a", "1.00"), account(2, "b", "2.00")), List.of(), null));
    sink.executeMartStatement("CREATE OR REPLACE TABLE marts.total AS SELECT sum(amount) AS t FROM "
        + sink.rawSchema() + ".accounts");

    assertThat(query(sink, "SELECT t FROM marts.total")).containsExactly(Map.of("t", new BigDecimal("3.00")));
    assertThatThrownBy(() -> sink.executeMartStatement("SELECT * FROM raw.nope"))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG);
          assertThat(e.getMessage()).contains("nope").contains("does not exist");
        });
  }
}
