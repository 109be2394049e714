package io.tributary.sink.duckdb;

import static io.tributary.sink.duckdb.DuckDbTestTables.ACCOUNTS;
import static io.tributary.sink.duckdb.DuckDbTestTables.account;
import static io.tributary.sink.duckdb.DuckDbTestTables.count;
import static io.tributary.sink.duckdb.DuckDbTestTables.query;
import static io.tributary.sink.duckdb.DuckDbTestTables.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.TableWriter;
import io.tributary.core.WriteMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DuckDB file an earlier Tributary wrote: its state table without the writer and published columns, its quarantine
 * table with {@code quarantined_at} NOT NULL and no default (as that Tributary created them, DDL copied from it). A
 * run on it loads, quarantines and resumes as on a new file.
 */
@Tag("unit")
class DuckDbOlderTablesTest {

  @TempDir Path dir;

  @Test
  void aFileOfAnEarlierTributaryLoadsQuarantinesAndResumes() throws Exception {
    Path file = dir.resolve("old.duckdb");
    try (DuckDbSink sink = DuckDbSink.open(file, "raw");
        Connection c = sink.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA raw");
      s.execute("CREATE TABLE raw._tributary_quarantine (job VARCHAR NOT NULL, run_id BIGINT,"
          + " stream VARCHAR NOT NULL, source_key VARCHAR, raw_record VARCHAR, reasons VARCHAR,"
          + " quarantined_at TIMESTAMPTZ NOT NULL)");
      s.execute("CREATE TABLE raw._tributary_state (job VARCHAR NOT NULL, stream VARCHAR NOT NULL,"
          + " instance_id BIGINT NOT NULL, position VARCHAR, updated_at TIMESTAMPTZ NOT NULL,"
          + " PRIMARY KEY (job, stream))");
      s.execute("INSERT INTO raw._tributary_state VALUES ('other', 'orders', 7, NULL, now())");
    }
    try (DuckDbSink sink = DuckDbSink.open(file, "raw")) {
      TableWriter w = sink.open(spec("accounts", ACCOUNTS, WriteMode.MERGE, 1, 1));
      sink.inChunk(() -> w.write(List.of(account(1, "a", "1.00")),
          List.of(new QuarantinedRecord("2", "{\"id\":2}", List.of("amount: not a decimal"))), Cursor.of("id", "2")));

      assertThat(count(sink, "raw.accounts")).isEqualTo(1);
      assertThat(query(sink, "SELECT source_key, quarantined_at IS NOT NULL AS stamped FROM raw._tributary_quarantine"))
          .containsExactly(java.util.Map.of("source_key", "2", "stamped", true));
      assertThat(sink.open(spec("accounts", ACCOUNTS, WriteMode.MERGE, 1, 2)).committedPosition())
          .contains(Cursor.of("id", "2"));
      assertThat(query(sink, "SELECT count(*) AS n FROM raw._tributary_state WHERE job = 'other'"))
          .as("the older row is kept").containsExactly(java.util.Map.of("n", 1L));
    }
  }
}
