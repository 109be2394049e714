package io.tributary.sink.duckdb;

import static io.tributary.sink.duckdb.DuckDbTestTables.ACCOUNTS;
import static io.tributary.sink.duckdb.DuckDbTestTables.account;
import static io.tributary.sink.duckdb.DuckDbTestTables.query;
import static io.tributary.sink.duckdb.DuckDbTestTables.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.Cursor;
import io.tributary.core.Row;
import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, fencing after a lost run lock, for DuckDB: two writers of the same job and stream (the run that lost its
 * lock and the run that took it over); the stale writer's next chunk and replace swap fail and roll back, so the table
 * never holds a chunk twice. Rows are counted by SQL.
 */
@Tag("unit")
class DuckDbWriterFenceTest {

  @TempDir Path dir;

  private static void write(DuckDbSink sink, TableWriter w, List<Row> rows, String at) {
    sink.inChunk(() ->
        w.write(rows, List.of(), Cursor.of("id", at)));
  }

  private static String rowsAndDistinctIds(DuckDbSink sink, String table) throws Exception {
    return query(sink, "SELECT count(*) || ' ' || count(DISTINCT id) AS n FROM " + table).get(0).get("n")
        .toString();
  }

  @Test
  void anAppendChunkOfARunThatWasTakenOverFailsAndRollsBack() throws Exception {
    try (DuckDbSink sink = DuckDbSink.open(dir.resolve("w.duckdb"), "raw")) {
      TableWriter a = sink.open(spec("accounts", ACCOUNTS, WriteMode.APPEND, 1, 11));
      write(sink, a, List.of(account(1, "a", "1.00"), account(2, "b", "1.00")), "2");
      TableWriter b = sink.open(spec("accounts", ACCOUNTS, WriteMode.APPEND, 1, 12));
      assertThat(b.committedPosition()).contains(Cursor.of("id", "2"));
      write(sink, b, List.of(account(3, "c", "1.00"), account(4, "d", "1.00")), "4");

      assertThatThrownBy(() -> write(sink, a, List.of(account(3, "c", "1.00"), account(4, "d", "1.00")), "4"))
          .isInstanceOfSatisfying(TributaryException.class, e -> {
            assertThat(e.kind()).isEqualTo(TributaryException.Kind.TRANSIENT);
            assertThat(e.getMessage()).startsWith("another run took over job 'demo' (stream accounts");
          });
      assertThat(rowsAndDistinctIds(sink, "raw.accounts")).isEqualTo("4 4");
      write(sink, b, List.of(account(5, "e", "1.00")), "5");
      assertThat(rowsAndDistinctIds(sink, "raw.accounts")).isEqualTo("5 5");
    }
  }

  @Test
  void theReplaceSwapOfARunThatWasTakenOverRollsBack() throws Exception {
    try (DuckDbSink sink = DuckDbSink.open(dir.resolve("w.duckdb"), "raw")) {
      TableWriter a = sink.open(spec("accounts", ACCOUNTS, WriteMode.REPLACE, 1, 11));
      write(sink, a, List.of(account(1, "a", "1.00"), account(2, "b", "1.00")), "2");
      TableWriter b = sink.open(spec("accounts", ACCOUNTS, WriteMode.REPLACE, 1, 12));
      assertThatThrownBy(a::finish).isInstanceOf(TributaryException.class)
          .hasMessageContaining("another run took over");
      assertThat(query(sink, "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'raw'"
          + " AND table_name = 'accounts'").get(0).get("n")).isEqualTo(0L);
      write(sink, b, List.of(account(3, "c", "1.00")), "3");
      b.finish();
      assertThat(rowsAndDistinctIds(sink, "raw.accounts")).isEqualTo("3 3");
    }
  }

  @Test
  void aRestartAfterTheSwapCommittedFindsTheStreamPublishedAndKeepsTheTable() throws Exception {
    try (DuckDbSink sink = DuckDbSink.open(dir.resolve("w.duckdb"), "raw")) {
      TableWriter a = sink.open(spec("accounts", ACCOUNTS, WriteMode.REPLACE, 1, 11));
      write(sink, a, List.of(account(1, "a", "1.00"), account(2, "b", "1.00")), "2");
      a.finish();
      // the process died here, before the job repository completed the step: the same instance restarts
      TableWriter restart = sink.open(spec("accounts", ACCOUNTS, WriteMode.REPLACE, 1, 12));
      assertThat(restart.published()).isTrue();
      restart.verifyCommittedRows();
      restart.finish();
      assertThat(rowsAndDistinctIds(sink, "raw.accounts")).isEqualTo("2 2");
      TableWriter next = sink.open(spec("accounts", ACCOUNTS, WriteMode.REPLACE, 2, 13));
      assertThat(next.published()).isFalse();
      write(sink, next, List.of(account(7, "g", "1.00")), "7");
      next.finish();
      assertThat(rowsAndDistinctIds(sink, "raw.accounts")).isEqualTo("1 1");
    }
  }
}
