package io.tributary.sink.duckdb;

import static io.tributary.sink.duckdb.DuckDbTestTables.ACCOUNTS;
import static io.tributary.sink.duckdb.DuckDbTestTables.EXTRACTED;
import static io.tributary.sink.duckdb.DuckDbTestTables.account;
import static io.tributary.sink.duckdb.DuckDbTestTables.count;
import static io.tributary.sink.duckdb.DuckDbTestTables.deleted;
import static io.tributary.sink.duckdb.DuckDbTestTables.query;
import static io.tributary.sink.duckdb.DuckDbTestTables.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.Cursor;
import io.tributary.core.RunInfo;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed-rows record of DuckDB's {@code _tributary_state}, compared with {@code count(*)} of the table. */
@Tag("unit")
class DuckDbCommittedRowsTest {

  @TempDir Path dir;

  private static void write(DuckDbSink sink, TableWriter w, List<io.tributary.core.Row> rows, String at) {
    sink.inChunk(() ->
        w.write(rows, List.of(), Cursor.of("id", at)));
  }

  private static void sql(DuckDbSink sink, String statement) throws SQLException {
    try (Connection c = sink.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private static long committed(DuckDbSink sink) throws SQLException {
    return ((Number) query(sink, "SELECT coalesce(sum(target_rows), 0) AS n FROM raw._tributary_state"
        + " WHERE target_table = 'accounts'").get(0).get("n")).longValue();
  }

  @Test
  void mergesCountOnlyTheRowsTheTargetGained() throws Exception {
    try (DuckDbSink sink = DuckDbSink.open(dir.resolve("w.duckdb"), "raw")) {
      TableWriter w = sink.open(spec("accounts", ACCOUNTS, WriteMode.MERGE, 1, 1));
      write(sink, w, List.of(account(1, "a", "1.00"), account(2, "b", "1.00")), "2");
      write(sink, w, List.of(account(2, "b2", "1.00"), account(3, "c", "1.00")), "3"); // direct path
      write(sink, w, List.of(account(3, "c2", "1.00"), account(3, "c3", "1.00"), account(4, "d", "1.00"),
          deleted(1L, null, null), deleted(9L, null, null)), "9"); // staged path: duplicates and deletes

      assertThat(count(sink, "raw.accounts")).isEqualTo(5);
      assertThat(committed(sink)).isEqualTo(5);
      w.verifyCommittedRows();
    }
  }

  @Test
  void aTruncatedOrDroppedTargetFailsTheNextOpenUntilAFullRefresh() throws Exception {
    try (DuckDbSink sink = DuckDbSink.open(dir.resolve("w.duckdb"), "raw")) {
      TableWriter w = sink.open(spec("accounts", ACCOUNTS, WriteMode.APPEND, 1, 1));
      write(sink, w, List.of(account(1, "a", "1.00"), account(2, "b", "1.00")), "2");
      sql(sink, "DELETE FROM raw.accounts");
      assertThatThrownBy(w::verifyCommittedRows).isInstanceOfSatisfying(TributaryException.class, e ->
          assertThat(e.getMessage()).startsWith("table raw.accounts holds 0 rows but Tributary committed 2"));
      sql(sink, "DROP TABLE raw.accounts");
      assertThatThrownBy(() -> sink.open(spec("accounts", ACCOUNTS, WriteMode.APPEND, 2, 2)))
          .isInstanceOfSatisfying(TributaryException.class, e -> {
            assertThat(e.getMessage()).contains("holds 0 rows but Tributary committed 2");
            assertThat(e.hint()).contains("--full-refresh");
          });
      assertThat(query(sink, "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'accounts'")
          .get(0).get("n")).as("the failed open created nothing").isEqualTo(0L);

      TableWriter refreshed = sink.open(new TableSpec("accounts", "accounts", ACCOUNTS, WriteMode.APPEND,
          new RunInfo("demo", 3, 3, EXTRACTED), true));
      write(sink, refreshed, List.of(account(1, "a", "1.00")), "1");
      assertThat(committed(sink)).isEqualTo(1).isEqualTo(count(sink, "raw.accounts"));
      sink.open(spec("accounts", ACCOUNTS, WriteMode.APPEND, 4, 4)); // an incremental run after it checks and passes
    }
  }
}
