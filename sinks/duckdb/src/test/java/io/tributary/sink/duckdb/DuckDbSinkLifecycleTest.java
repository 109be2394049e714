package io.tributary.sink.duckdb;

import static io.tributary.sink.duckdb.DuckDbTestTables.ACCOUNTS;
import static io.tributary.sink.duckdb.DuckDbTestTables.account;
import static io.tributary.sink.duckdb.DuckDbTestTables.accounts;
import static io.tributary.sink.duckdb.DuckDbTestTables.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.Cursor;
import io.tributary.core.JobContext;
import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("process")
@Tag("sandbox")
class DuckDbSinkLifecycleTest {

  @TempDir Path dir;

  @Test
  void rowsAndCommittedPositionSurviveClosingAndReopeningTheFile() throws Exception {
    Path file = dir.resolve("restart.duckdb");
    try (DuckDbSink sink = DuckDbSink.open(file, "raw")) {
      TableWriter w = sink.open(spec("accounts", ACCOUNTS, WriteMode.MERGE, 3, 30));
      sink.inChunk(() ->
          w.write(List.of(account(1, "a", "1.00")), List.of(), Cursor.of("id", "1")));
    }
    try (DuckDbSink reopened = DuckDbSink.open(file, "raw")) {
      TableWriter w = reopened.open(spec("accounts", ACCOUNTS, WriteMode.MERGE, 3, 31));
      assertThat(w.committedPosition()).contains(Cursor.of("id", "1"));
      assertThat(accounts(reopened, "accounts")).containsExactly("1|a|1.00|false|30");
    }
  }

  @Test
  void aFileHeldByAnotherProcessIsBusyAndNamesItsPid() throws Exception {
    Path file = dir.resolve("locked.duckdb");
    Path ready = dir.resolve("ready");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process holder = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
        DuckDbFileHolder.class.getName(), file.toString(), ready.toString()).inheritIO().start();
    try {
      for (int i = 0; i < 300 && !Files.exists(ready); i++) {
        Thread.sleep(100);
      }
      assertThat(ready).exists();
      assertThatThrownBy(() -> DuckDbSink.open(file, "raw"))
          .isInstanceOfSatisfying(TributaryException.class, e -> {
            assertThat(e.kind()).isEqualTo(TributaryException.Kind.BUSY);
            assertThat(e.getMessage()).startsWith("the DuckDB file " + file + " is locked by another process (PID "
                + holder.pid() + ", ");
          });
    } finally {
      holder.destroy();
      holder.waitFor();
    }
  }

  @Test
  void theProviderDefaultsToWarehouseJobNameInTheRawSchema() throws Exception {
    DuckDbSinkProvider provider = new DuckDbSinkProvider();
    try (DuckDbSink sink = (DuckDbSink) provider.create(new DuckDbSinkConfig(null, null),
        new JobContext("crm", dir.resolve("jobs/crm.yml"), dir))) {
      assertThat(provider.type()).isEqualTo("duckdb");
      assertThat(sink.file()).isEqualTo(dir.resolve("warehouse/crm.duckdb"));
      assertThat(sink.rawSchema()).isEqualTo("raw");
      sink.check();
    }
    assertThat(dir.resolve("warehouse/crm.duckdb")).exists();
  }

  @Test
  void theProviderRejectsAnUnsafeSchemaName() {
    assertThatThrownBy(() -> new DuckDbSinkProvider().create(new DuckDbSinkConfig("x.duckdb", "raw; drop"),
        new JobContext("crm", dir.resolve("crm.yml"), dir)))
        .isInstanceOf(TributaryException.class)
        .hasMessageContaining("sink.schema");
    assertThat(dir.resolve("x.duckdb")).doesNotExist();
  }
}
