package io.tributary.sink.postgres;

import static io.tributary.sink.postgres.PostgresSinkTestSupport.RUN_1_AT;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.RUN_2_AT;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.accounts;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.at;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.deleted;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.lines;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.query;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.row;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.run;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.Cursor;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.Row;
import io.tributary.core.StreamSchema;
import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import io.tributary.testsupport.TestPostgres;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("db")
class PostgresSinkIT {

  private String schema;
  private PostgresSink sink;

  @BeforeEach
  void freshSchema() {
    schema = TestPostgres.freshSchema("pgsink");
    sink = PostgresSinkTestSupport.sink(schema);
  }

  @AfterEach
  void closeSink() {
    sink.close();
  }

  private List<String> accountLines() {
    return lines(schema, "accounts",
        "id, coalesce(name, 'NULL'), coalesce(amount::text, 'NULL'), _tributary_run_id, _tributary_deleted::text", "id");
  }

  @Test
  void mergeOfOverlappingChunksKeepsTheLastVersionOfEachKey() {
    TableWriter w = sink.open(spec(accounts(), WriteMode.MERGE, run(1, 11, RUN_1_AT)));
    w.write(List.of(row(1L, "a1", new BigDecimal("1.00")), row(2L, "b1", new BigDecimal("2.00")),
        row(3L, "c1", new BigDecimal("3.00"))), List.of(), at("t1"));
    // key 2 twice inside one chunk: the later one wins; key 3 overlaps the first chunk
    w.write(List.of(row(2L, "b2", new BigDecimal("2.50")), row(3L, "c2", null), row(2L, "b3", new BigDecimal("2.75")),
        row(4L, "d1", new BigDecimal("-4.10"))), List.of(), at("t2"));

    assertThat(accountLines()).containsExactly(
        "1|a1|1.00|11|false", "2|b3|2.75|11|false", "3|c2|NULL|11|false", "4|d1|-4.10|11|false");
  }

  @Test
  void duplicateKeyInTheFirstChunkOfAnEmptyTableIsMergedNotRejected() {
    TableWriter w = sink.open(spec(accounts(), WriteMode.MERGE, run(1, 11, RUN_1_AT)));
    w.write(List.of(row(1L, "a1", null), row(1L, "a2", null), row(2L, "b1", null)), List.of(), at("t1"));

    assertThat(accountLines()).containsExactly("1|a2|NULL|11|false", "2|b1|NULL|11|false");
  }

  @Test
  void replayingAChunkAddsNoDuplicates() {
    List<Row> chunk = List.of(row(1L, "a", new BigDecimal("1.00")), row(2L, "b", new BigDecimal("2.00")));
    TableWriter w = sink.open(spec(accounts(), WriteMode.MERGE, run(1, 11, RUN_1_AT)));
    w.write(chunk, List.of(), at("t1"));
    w.write(chunk, List.of(), at("t1"));
    TableWriter restarted = sink.open(spec(accounts(), WriteMode.MERGE, run(1, 12, RUN_1_AT)));
    restarted.write(chunk, List.of(), at("t1"));

    assertThat(accountLines()).containsExactly("1|a|1.00|12|false", "2|b|2.00|12|false");
  }

  @Test
  void aRolledBackChunkLeavesTargetQuarantineAndStateUnchanged() {
    TableWriter w = sink.open(spec(accounts(), WriteMode.MERGE, run(1, 11, RUN_1_AT)));
    w.write(List.of(row(1L, "a", new BigDecimal("1.00"))), List.of(quarantined("q1")), at("t1"));
    assertThatThrownBy(() -> sink.inChunk(() -> {
      w.write(List.of(row(1L, "changed", null), row(2L, "new", null)), List.of(quarantined("q2")), at("t2"));
      throw new IllegalStateException("processor failed after the write");
    })).hasMessage("processor failed after the write");

    assertThat(accountLines()).containsExactly("1|a|1.00|11|false");
    assertThat(query("SELECT source_key FROM " + schema + "._tributary_quarantine")).containsExactly("q1");
    assertThat(w.committedPosition()).contains(at("t1"));
    // and the writer still works after the rollback (staging table, fast path switch)
    w.write(List.of(row(1L, "changed", null), row(2L, "new", null)), List.of(), at("t2"));
    assertThat(accountLines()).containsExactly("1|changed|NULL|11|false", "2|new|NULL|11|false");
  }

  @Test
  void softDeleteFlagsTheRowAndKeepsItsOtherColumns() {
    TableWriter w = sink.open(spec(accounts(), WriteMode.MERGE, run(1, 11, RUN_1_AT)));
    w.write(List.of(row(1L, "a", new BigDecimal("1.00")), row(2L, "b", new BigDecimal("2.00"))), List.of(), at("t1"));
    TableWriter next = sink.open(spec(accounts(), WriteMode.MERGE, run(2, 21, RUN_2_AT)));
    next.write(List.of(deleted(1L, null, null), deleted(9L, null, null)), List.of(), at("t2"));

    assertThat(accountLines()).containsExactly("1|a|1.00|21|true", "2|b|2.00|11|false", "9|NULL|NULL|21|true");
    assertThat(query("SELECT _tributary_extracted_at::text FROM " + schema + ".accounts WHERE id = 1"))
        .containsExactly("2024-05-02 00:00:00+00");
  }

  @Test
  void appendKeepsEveryRowIncludingRepeatedKeys() {
    TableWriter w = sink.open(spec(accounts(), WriteMode.APPEND, run(1, 11, RUN_1_AT)));
    w.write(List.of(row(1L, "a", null), row(1L, "a again", null)), List.of(), at("t1"));
    w.write(List.of(row(2L, "b", null)), List.of(), at("t2"));

    assertThat(lines(schema, "accounts", "id, name", "id, name"))
        .containsExactly("1|a", "1|a again", "2|b");
  }

  @Test
  void replaceSwapsTheNewTableInOnlyAtFinish() {
    TableWriter first = sink.open(spec(accounts(), WriteMode.REPLACE, run(1, 11, RUN_1_AT)));
    first.write(List.of(row(1L, "old", null), row(2L, "old", null)), List.of(), at("t1"));
    first.finish();
    assertThat(lines(schema, "accounts", "id, name", "id")).containsExactly("1|old", "2|old");

    TableWriter second = sink.open(spec(accounts(), WriteMode.REPLACE, run(2, 21, RUN_2_AT)));
    second.write(List.of(row(3L, "new", null)), List.of(), at("t2"));
    assertThat(lines(schema, "accounts", "id, name", "id")).containsExactly("1|old", "2|old");
    TableWriter restartOfSecond = sink.open(spec(accounts(), WriteMode.REPLACE, run(2, 22, RUN_2_AT)));
    restartOfSecond.write(List.of(row(4L, "new", null)), List.of(), at("t3"));
    restartOfSecond.finish();

    assertThat(lines(schema, "accounts", "id, name, _tributary_run_id", "id"))
        .containsExactly("3|new|21", "4|new|22");
    assertThat(query("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema
        + "' AND tablename = 'accounts__tributary_new'")).containsExactly("0");
  }

  @Test
  void aNewColumnIsAddedAndTypesWidenWhereSafe() {
    StreamSchema v1 = new StreamSchema("accounts", List.of(Column.of("id", ColumnType.INTEGER),
        Column.of("qty", ColumnType.INTEGER), Column.decimal("amount", 6, 2), Column.of("day", ColumnType.DATE)),
        List.of("id"));
    sink.open(spec(v1, WriteMode.MERGE, run(1, 11, RUN_1_AT))).write(List.of(
        row(1L, 5L, new BigDecimal("1234.56"), java.time.LocalDate.parse("2024-02-29"))), List.of(), at("t1"));

    StreamSchema v2 = new StreamSchema("accounts", List.of(Column.of("id", ColumnType.INTEGER),
        Column.decimal("qty", 30, 4), Column.decimal("amount", 14, 3), Column.of("day", ColumnType.TIMESTAMP),
        Column.of("note", ColumnType.STRING)), List.of("id"));
    sink.open(spec(v2, WriteMode.MERGE, run(2, 21, RUN_2_AT))).write(List.of(
        row(2L, new BigDecimal("0.1234"), new BigDecimal("12345678901.123"),
            java.time.Instant.parse("2024-03-01T12:30:00Z"), "hello")), List.of(), at("t2"));

    assertThat(query("SELECT column_name || ' ' || data_type || coalesce('(' || numeric_precision || ','"
        + " || numeric_scale || ')', '') FROM information_schema.columns WHERE table_schema = '" + schema
        + "' AND table_name = 'accounts' AND column_name IN ('qty', 'amount', 'day', 'note') ORDER BY column_name"))
        .containsExactly("amount numeric(14,3)", "day timestamp with time zone", "note text", "qty numeric(30,4)");
    assertThat(lines(schema, "accounts", "id, qty, amount, day, coalesce(note, 'NULL')", "id")).containsExactly(
        "1|5.0000|1234.560|2024-02-29 00:00:00+00|NULL",
        "2|0.1234|12345678901.123|2024-03-01 12:30:00+00|hello");
  }

  @Test
  void aNarrowerStreamTypeIsWrittenIntoTheWiderExistingColumn() {
    StreamSchema wide = new StreamSchema("accounts", List.of(Column.of("id", ColumnType.INTEGER),
        Column.of("amount", ColumnType.DECIMAL)), List.of("id"));
    sink.open(spec(wide, WriteMode.MERGE, run(1, 11, RUN_1_AT)))
        .write(List.of(row(1L, new BigDecimal("1.5"))), List.of(), at("t1"));
    StreamSchema narrow = new StreamSchema("accounts", List.of(Column.of("id", ColumnType.INTEGER),
        Column.of("amount", ColumnType.INTEGER)), List.of("id"));
    sink.open(spec(narrow, WriteMode.MERGE, run(2, 21, RUN_2_AT)))
        .write(List.of(row(2L, -9_000_000_000L), row(3L, 42)), List.of(), at("t2"));

    assertThat(lines(schema, "accounts", "id, amount", "id")).containsExactly("1|1.5", "2|-9000000000", "3|42");
  }

  @Test
  void anIncompatibleTypeChangeFailsNamingTableColumnAndTypes() {
    sink.open(spec(accounts(), WriteMode.MERGE, run(1, 11, RUN_1_AT)));
    StreamSchema changed = new StreamSchema("accounts", List.of(Column.of("id", ColumnType.INTEGER),
        Column.of("name", ColumnType.INTEGER), Column.decimal("amount", 12, 2)), List.of("id"));

    assertThatThrownBy(() -> sink.open(spec(changed, WriteMode.MERGE, run(2, 21, RUN_2_AT))))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG);
          assertThat(e.getMessage()).contains(schema + ".accounts", "column name", "text", "bigint");
          assertThat(e.hint()).contains("ALTER TABLE");
        });
  }

  @Test
  void committedPositionIsOnlyReturnedToTheSameJobInstance() {
    TableWriter w = sink.open(spec(accounts(), WriteMode.MERGE, run(7, 70, RUN_1_AT)));
    assertThat(w.committedPosition()).isEmpty();
    w.write(List.of(row(1L, "a", null)), List.of(), Cursor.of("updated_at", "2024-01-01T00:00:00Z", "id", "1"));

    assertThat(sink.open(spec(accounts(), WriteMode.MERGE, run(7, 71, RUN_1_AT))).committedPosition())
        .contains(Cursor.of("updated_at", "2024-01-01T00:00:00Z", "id", "1"));
    assertThat(sink.open(spec(accounts(), WriteMode.MERGE, run(8, 80, RUN_2_AT))).committedPosition())
        .isEqualTo(Optional.empty());
    assertThat(query("SELECT position FROM " + schema + "._tributary_state"))
        .containsExactly("{\"id\":\"1\",\"updated_at\":\"2024-01-01T00:00:00Z\"}");
  }

  @Test
  void quarantinedAndUnencodableRecordsLandInQuarantineInTheChunkTransaction() {
    TableWriter w = sink.open(spec(accounts(), WriteMode.MERGE, run(1, 11, RUN_1_AT)));
    w.write(List.of(row(1L, "ok", null), row(2L, "bad\u0000nul", null), row(null, "no key", null),
            row(3L, "not a decimal", "12.5x"), row(4L, "too big", new BigDecimal("12345678901.00"))),
        List.of(new QuarantinedRecord("5", "{\"Id\":5}", List.of("amount: not a number", "name: required"))),
        at("t1"));

    assertThat(accountLines()).containsExactly("1|ok|NULL|11|false");
    assertThat(query("SELECT concat_ws('|', job, run_id, stream, coalesce(source_key, 'NULL'), reasons) FROM "
        + schema + "._tributary_quarantine ORDER BY source_key NULLS LAST")).containsExactly(
        "job|11|accounts|2|column name: text contains a NUL character, which PostgreSQL cannot store",
        "job|11|accounts|3|column amount: expected a BigDecimal but got String",
        "job|11|accounts|4|column amount: value 12345678901.00 does not fit numeric(12,2)",
        "job|11|accounts|5|amount: not a number; name: required",
        "job|11|accounts|null|column id: primary key value is null");
  }

  @Test
  void identifiersWithInjectionAttemptsAreRejected() {
    StreamSchema badColumn = new StreamSchema("accounts", List.of(Column.of("id", ColumnType.INTEGER),
        Column.of("x\" text); DROP TABLE t; --", ColumnType.STRING)), List.of("id"));
    assertThatThrownBy(() -> sink.open(spec(badColumn, WriteMode.MERGE, run(1, 1, RUN_1_AT))))
        .isInstanceOfSatisfying(TributaryException.class,
            e -> assertThat(e.getMessage()).contains("is not a valid identifier"));
    assertThatThrownBy(() -> sink.open(new io.tributary.core.TableSpec("accounts", "accounts; DROP SCHEMA x",
        accounts(), WriteMode.MERGE, run(1, 1, RUN_1_AT))))
        .isInstanceOfSatisfying(TributaryException.class,
            e -> assertThat(e.getMessage()).contains("'accounts; DROP SCHEMA x' is not a valid identifier"));
    assertThatThrownBy(() -> PostgresSinkTestSupport.sink("raw\"; DROP SCHEMA public CASCADE; --"))
        .isInstanceOfSatisfying(TributaryException.class,
            e -> assertThat(e.getMessage()).contains("sink.schema"));
    assertThat(query("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "'")).containsExactly("0");
  }

  @Test
  void mergeWithoutAPrimaryKeyIsAConfigError() {
    StreamSchema keyless = new StreamSchema("events", List.of(Column.of("id", ColumnType.INTEGER)), List.of());
    assertThatThrownBy(() -> sink.open(spec(keyless, WriteMode.MERGE, run(1, 1, RUN_1_AT))))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG);
          assertThat(e.getMessage()).contains("events", "no primary key");
        });
  }

  private static QuarantinedRecord quarantined(String key) {
    return new QuarantinedRecord(key, "{}", List.of("rule"));
  }
}
