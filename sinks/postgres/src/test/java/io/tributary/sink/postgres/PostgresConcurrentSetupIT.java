package io.tributary.sink.postgres;

import static io.tributary.sink.postgres.PostgresSinkTestSupport.RUN_1_AT;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.accounts;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.run;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.JobContext;
import io.tributary.core.TableSpec;
import io.tributary.core.WriteMode;
import io.tributary.testsupport.TestPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Several processes preparing the same fresh warehouse schema at the same moment (two first runs, or the workers of a
 * partitioned stream): each has its own sink and connection, as separate processes would. Before the DDL took an
 * advisory lock, {@code CREATE SCHEMA/TABLE IF NOT EXISTS} failed in one of them with {@code duplicate key value
 * violates unique constraint "pg_namespace_nspname_index"} or {@code "pg_type_typname_nsp_index"}.
 */
@Tag("db")
@Tag("sandbox")
class PostgresConcurrentSetupIT {

  private static final int SINKS = 6;
  private static final int ROUNDS = 8;

  @Test
  void sinksPreparingTheSameFreshSchemaTogetherAllSucceed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(SINKS);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        // not created beforehand: CREATE SCHEMA races too
        String schema = "pgrace_" + UUID.randomUUID().toString().substring(0, 8);
        CyclicBarrier start = new CyclicBarrier(SINKS);
        List<Future<?>> opened = new ArrayList<>();
        for (int i = 0; i < SINKS; i++) {
          // half open the target, half a second table: the system tables are shared by every table of the schema
          TableSpec spec = i % 2 == 0 ? spec(accounts(), WriteMode.MERGE, run(1, 11, RUN_1_AT))
              : new TableSpec("other", "other", accounts(), WriteMode.APPEND, run(1, 11, RUN_1_AT));
          opened.add(pool.submit(() -> {
            try (PostgresSink sink = new PostgresSink(
                new PostgresSinkConfig(TestPostgres.url(), TestPostgres.user(), null, schema),
                new JobContext("job", Path.of("jobs/job.yml"), Path.of(".")))) {
              start.await(30, TimeUnit.SECONDS);
              sink.open(spec);
            }
            return null;
          }));
        }
        for (Future<?> f : opened) {
          f.get(60, TimeUnit.SECONDS); // rethrows the failure of any sink
        }
        assertThat(TestPostgres.strings("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
            + schema + "' ORDER BY 1")).containsExactly("_tributary_quarantine", "_tributary_state", "accounts",
            "other");
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
