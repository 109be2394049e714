package io.tributary.sink.duckdb;

import static io.tributary.sink.duckdb.DuckDbTestTables.ACCOUNTS;
import static io.tributary.sink.duckdb.DuckDbTestTables.account;
import static io.tributary.sink.duckdb.DuckDbTestTables.accounts;
import static io.tributary.sink.duckdb.DuckDbTestTables.count;
import static io.tributary.sink.duckdb.DuckDbTestTables.deleted;
import static io.tributary.sink.duckdb.DuckDbTestTables.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.Cursor;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.StreamSchema;
import io.tributary.core.TableWriter;
import io.tributary.core.WriteMode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceUtils;

@Tag("unit")
class DuckDbSinkMergeTest {

  @TempDir Path dir;
  DuckDbSink sink;

  @BeforeEach
  void open() {
    sink = DuckDbSink.open(dir.resolve("wh/demo.duckdb"), "raw");
  }

  @AfterEach
  void close() {
    sink.close();
  }

  private void inTx(Runnable work) {
    sink.inChunk(work);
  }

  @Test
  void mergesOverlappingChunksAndKeepsTheLastDuplicateWithinAChunk() throws Exception {
    TableWriter w = sink.open(spec("accounts", ACCOUNTS, WriteMode.MERGE, 1, 10));
    inTx(() -> w.write(List.of(account(1, "a", "1.00"), account(2, "b", "2.50"), account(1, "a-late", "1.10")),
        List.of(), Cursor.of("id", "2")));
    inTx(() -> w.write(List.of(account(2, "b2", "20.00"), account(3, "c", null)), List.of(), Cursor.of("id", "3")));

    assertThat(accounts(sink, "accounts"))
        .containsExactly("1|a-late|1.10|false|10", "2|b2|20.00|false|10", "3|c|null|false|10");
  }

  @Test
  void replayingTheSameChunkCreatesNoDuplicates() throws Exception {
    TableWriter w = sink.open(spec("accounts", ACCOUNTS, WriteMode.MERGE, 1, 10));
    var chunk = List.of(account(1, "a", "1.00"), account(2, "b", "2.00"));
    inTx(() -> w.write(chunk, List.of(), Cursor.of("id", "2")));
    inTx(() -> w.write(chunk, List.of(), Cursor.of("id", "2")));

    assertThat(accounts(sink, "accounts")).containsExactly("1|a|1.00|false|10", "2|b|2.00|false|10");
  }

  @Test
  void aRolledBackChunkLeavesTargetQuarantineAndStateUnchanged() throws Exception {
    TableWriter w = sink.open(spec("accounts", ACCOUNTS, WriteMode.MERGE, 1, 10));
    inTx(() -> w.write(List.of(account(1, "a", "1.00")),
        List.of(new QuarantinedRecord("9", "{\"id\":9}", List.of("amount: not a number"))), Cursor.of("id", "1")));

    assertThatThrownBy(() -> inTx(() -> {
      w.write(List.of(account(1, "changed", "5.00"), account(2, "b", "2.00")),
          List.of(new QuarantinedRecord("8", "{}", List.of("x"))), Cursor.of("id", "2"));
      throw new IllegalStateException("boom after write");
    })).hasMessage("boom after write");

    assertThat(accounts(sink, "accounts")).containsExactly("1|a|1.00|false|10");
    assertThat(DuckDbTestTables.query(sink, "SELECT job, run_id, stream, source_key, raw_record, reasons"
        + " FROM raw._tributary_quarantine"))
        .containsExactly(Map.of("job", "demo", "run_id", 10L, "stream", "accounts", "source_key", "9",
            "raw_record", "{\"id\":9}", "reasons", "amount: not a number"));
    assertThat(w.committedPosition()).contains(Cursor.of("id", "1"));
  }

  @Test
  void appenderRowsAreVisibleInsideTheTransactionAndGoneAfterRollback() throws Exception {
    TableWriter w = sink.open(spec("log", ACCOUNTS, WriteMode.APPEND, 1, 10));
    long[] seenInside = new long[1];
    assertThatThrownBy(() -> inTx(() -> {
      w.write(List.of(account(1, "a", "1.00"), account(2, "b", "2.00")), List.of(), Cursor.of("id", "2"));
      seenInside[0] = countInTransaction("raw.log");
      throw new IllegalStateException("rollback");
    })).hasMessage("rollback");

    assertThat(seenInside[0]).isEqualTo(2);
    assertThat(count(sink, "raw.log")).isZero();
    assertThat(w.committedPosition()).isEmpty();
  }

  private long countInTransaction(String table) {
    var c = DataSourceUtils.getConnection(sink.dataSource());
    try (var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aSoftDeleteKeepsTheOtherColumnsAndANewDeletedKeyIsInserted() throws Exception {
    TableWriter w = sink.open(spec("accounts", ACCOUNTS, WriteMode.MERGE, 1, 10));
    inTx(() -> w.write(List.of(account(1, "a", "1.00"), account(2, "b", "2.00")), List.of(), Cursor.of("id", "2")));
    TableWriter w2 = sink.open(spec("accounts", ACCOUNTS, WriteMode.MERGE, 2, 11));
    inTx(() -> w2.write(List.of(deleted(1L, null, null), deleted(7L, null, null)), List.of(), Cursor.of("id", "7")));

    assertThat(accounts(sink, "accounts"))
        .containsExactly("1|a|1.00|true|11", "2|b|2.00|false|10", "7|null|null|true|11");
  }

  /**
   * The chunk shapes around a soft delete, in one chunk through the staging table: an update then a delete carrying
   * values of one key (the delete wins and replaces the values, NULL included), a delete then an update (the update
   * wins, not deleted), a key-only delete (keeps the values), and a delete carrying values for a key the target does
   * not hold yet (inserted, flagged, with its values). A guard for the unified rule; it passes on main.
   */
  @Test
  void aDeleteCarryingValuesReplacesThemInEveryChunkShape() throws Exception {
    TableWriter w = sink.open(spec("accounts", ACCOUNTS, WriteMode.MERGE, 1, 10));
    inTx(() -> w.write(List.of(account(1, "a", "1.00"), account(2, "b", "2.00"), account(3, "c", "3.00")), List.of(),
        Cursor.of("id", "3")));
    TableWriter w2 = sink.open(spec("accounts", ACCOUNTS, WriteMode.MERGE, 2, 11));
    inTx(() -> w2.write(List.of(account(1, "a2", "1.50"), deleted(1L, "a3", null), deleted(3L, "c2", null),
        account(3, "c3", "3.30"), deleted(2L, null, null), deleted(9L, "new", new BigDecimal("9.99"))), List.of(),
        Cursor.of("id", "9")));

    assertThat(accounts(sink, "accounts")).containsExactly("1|a3|null|true|11", "2|b|2.00|true|11",
        "3|c3|3.30|false|11", "9|new|9.99|true|11");
  }

  /** The last instant every sink holds, carried by a delete, is loaded exactly (not refused by the range screen). */
  @Test
  void aDeleteCarryingTheLastHoldableInstantIsLoadedExactly() throws Exception {
    var seen = new StreamSchema("seen", List.of(Column.of("id", ColumnType.INTEGER), Column.of("seen_at",
        ColumnType.TIMESTAMP)), List.of("id"));
    Instant last = Instant.parse("9999-12-31T23:59:59.999999Z");
    TableWriter w = sink.open(spec("seen", seen, WriteMode.MERGE, 1, 10));
    inTx(() -> w.write(List.of(DuckDbTestTables.row(1L, Instant.parse("2024-01-01T00:00:00Z")), deleted(2L, last)),
        List.of(), null));
    inTx(() -> w.write(List.of(deleted(1L, last)), List.of(), null));

    assertThat(DuckDbTestTables.query(sink, "SELECT id, seen_at, _tributary_deleted AS d FROM raw.seen ORDER BY id"))
        .extracting(r -> r.get("id") + "|" + r.get("seen_at") + "|" + r.get("d"))
        .containsExactly("1|" + last + "|true", "2|" + last + "|true");
    assertThat(count(sink, "raw._tributary_quarantine")).isZero();
  }

  @Test
  void appendKeepsEveryRowIncludingRepeatedKeys() throws Exception {
    TableWriter w = sink.open(spec("log", ACCOUNTS, WriteMode.APPEND, 1, 10));
    inTx(() -> w.write(List.of(account(1, "a", "1.00"), account(1, "a2", "1.50")), List.of(), Cursor.of("n", "2")));
    inTx(() -> w.write(List.of(deleted(1L, null, null)), List.of(), Cursor.of("n", "3")));

    assertThat(DuckDbTestTables.query(sink,
        "SELECT name, _tributary_deleted AS d FROM raw.log ORDER BY _tributary_deleted, name NULLS LAST"))
        .extracting(r -> r.get("name") + "/" + r.get("d"))
        .containsExactly("a/false", "a2/false", "null/true");
  }

  @Test
  void mergeWithoutAPrimaryKeyIsAConfigError() {
    var keyless = new StreamSchema("accounts", ACCOUNTS.columns(), List.of());
    assertThatThrownBy(() -> sink.open(spec("accounts", keyless, WriteMode.MERGE, 1, 10)))
        .hasMessageContaining("no primary key");
  }

  @Test
  void aNullKeyFailsTheChunkInsteadOfDuplicatingOnReplay() throws Exception {
    TableWriter w = sink.open(spec("accounts", ACCOUNTS, WriteMode.MERGE, 1, 10));
    assertThatThrownBy(() -> inTx(() -> w.write(List.of(account(1, "a", "1.00"), DuckDbTestTables.row(null, "x", null)),
        List.of(), Cursor.of("id", "2"))))
        .hasMessageContaining("null primary key part 'id'");
    assertThat(count(sink, "raw.accounts")).isZero();
  }

  @Test
  void keysEqualInDuckDbButNotInJavaAreStillDeduplicated() throws Exception {
    var schema = new StreamSchema("events", List.of(
        Column.of("at", ColumnType.TIMESTAMP),
        Column.decimal("code", 10, 2), Column.of("v", ColumnType.STRING)),
        List.of("at", "code"));
    TableWriter w = sink.open(spec("events", schema, WriteMode.MERGE, 1, 10));
    Instant at = Instant.parse("2024-01-01T00:00:00.000001Z");
    inTx(() -> w.write(List.of(DuckDbTestTables.row(at, new BigDecimal("1.5"), "first"),
        DuckDbTestTables.row(at.plusNanos(999), new BigDecimal("1.50"), "second")), List.of(), null));

    assertThat(DuckDbTestTables.query(sink, "SELECT v FROM raw.events")).containsExactly(Map.of("v", "second"));
  }

  @Test
  void chunksMergedStraightIntoTheTargetOrThroughTheStageStoreTheSameValues() throws Exception {
    // The target was created wider than what the stream now sends: values are converted to the target's types.
    var wide = new StreamSchema("items", List.of(Column.of("id", ColumnType.INTEGER),
        Column.of("qty", ColumnType.DOUBLE), Column.decimal("price", 14, 4), Column.of("day", ColumnType.TIMESTAMP)),
        List.of("id"));
    var narrow = new StreamSchema("items", List.of(Column.of("id", ColumnType.INTEGER),
        Column.of("qty", ColumnType.INTEGER), Column.decimal("price", 10, 2), Column.of("day", ColumnType.DATE)),
        List.of("id"));
    sink.open(spec("items", wide, WriteMode.MERGE, 1, 10));
    TableWriter w = sink.open(spec("items", narrow, WriteMode.MERGE, 2, 11));
    LocalDate day = LocalDate.of(2024, 1, 2);
    // no repeated key and no delete: appended straight into the target
    inTx(() -> w.write(List.of(DuckDbTestTables.row(1L, 5L, new BigDecimal("12.34"), day)), List.of(), null));
    // a repeated key: deduplicated through the staging table
    inTx(() -> w.write(List.of(DuckDbTestTables.row(2L, 1L, new BigDecimal("0.01"), day),
        DuckDbTestTables.row(2L, 5L, new BigDecimal("12.34"), day)), List.of(), null));

    assertThat(DuckDbTestTables.query(sink, "SELECT id, qty, price, day, _tributary_run_id AS run,"
        + " _tributary_extracted_at AS at, _tributary_deleted AS d FROM raw.items ORDER BY id"))
        .extracting(r -> r.get("id") + "|" + r.get("qty") + "|" + r.get("price") + "|" + r.get("day") + "|"
            + r.get("run") + "|" + r.get("at") + "|" + r.get("d"))
        .containsExactly("1|5.0|12.3400|2024-01-02T00:00:00Z|11|" + DuckDbTestTables.EXTRACTED + "|false",
            "2|5.0|12.3400|2024-01-02T00:00:00Z|11|" + DuckDbTestTables.EXTRACTED + "|false");
  }

  @Test
  void aDirectMergeReplacesTheTargetsRowOfTheSameKey() throws Exception {
    TableWriter w = sink.open(spec("accounts", ACCOUNTS, WriteMode.MERGE, 1, 10));
    inTx(() -> w.write(List.of(account(1, "a", "1.00"), account(2, "b", "2.00")), List.of(), Cursor.of("id", "2")));
    TableWriter w2 = sink.open(spec("accounts", ACCOUNTS, WriteMode.MERGE, 2, 11));
    inTx(() -> w2.write(List.of(account(2, "b2", "3.00"), account(3, "c", "4.00")), List.of(), Cursor.of("id", "3")));

    assertThat(accounts(sink, "accounts"))
        .containsExactly("1|a|1.00|false|10", "2|b2|3.00|false|11", "3|c|4.00|false|11");
    assertThat(w2.committedPosition()).contains(Cursor.of("id", "3"));
  }
}
