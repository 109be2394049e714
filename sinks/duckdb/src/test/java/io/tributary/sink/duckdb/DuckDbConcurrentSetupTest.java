package io.tributary.sink.duckdb;

import static io.tributary.sink.duckdb.DuckDbTestTables.ACCOUNTS;
import static io.tributary.sink.duckdb.DuckDbTestTables.query;
import static io.tributary.sink.duckdb.DuckDbTestTables.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.WriteMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB lets one process write a file, so concurrent setup happens between threads of one run (the parts of a
 * partitioned stream, or streams run side by side): several threads preparing the same fresh schema at once.
 */
@Tag("unit")
class DuckDbConcurrentSetupTest {

  private static final int THREADS = 6;

  @TempDir Path dir;

  @Test
  void threadsPreparingTheSameFreshSchemaTogetherAllSucceed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int round = 0; round < 8; round++) {
        try (DuckDbSink sink = DuckDbSink.open(dir.resolve("race" + round + ".duckdb"), "raw")) {
          CyclicBarrier start = new CyclicBarrier(THREADS);
          List<Future<?>> opened = new ArrayList<>();
          for (int i = 0; i < THREADS; i++) {
            String table = i % 2 == 0 ? "accounts" : "other";
            opened.add(pool.submit(() -> {
              start.await(30, TimeUnit.SECONDS);
              sink.open(spec(table, ACCOUNTS, WriteMode.MERGE, 1, 1));
              return null;
            }));
          }
          for (Future<?> f : opened) {
            f.get(60, TimeUnit.SECONDS);
          }
          assertThat(query(sink, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'raw'"
              + " ORDER BY 1").stream().map(r -> r.get("table_name"))).containsExactly(
              "_tributary_quarantine", "_tributary_state", "accounts", "other");
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
