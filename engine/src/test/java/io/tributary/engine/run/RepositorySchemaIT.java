package io.tributary.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testsupport.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Processes that start together on a fresh PostgreSQL job repository (two first runs, a run and its workers) all
 * create its tables at once. Check-then-create, and even {@code CREATE TABLE IF NOT EXISTS}, race in PostgreSQL
 * ("duplicate key value violates unique constraint pg_type_typname_nsp_index"); every starter must succeed.
 */
@Tag("db")
class RepositorySchemaIT {

  private static final int STARTERS = 4;

  @Test
  void fourStartersOnAFreshRepositoryAllSucceedAndFindEveryTable() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(STARTERS);
    try {
      for (int round = 0; round < 5; round++) {
        String repo = TestPostgres.freshSchema("repo");
        PGSimpleDataSource ds = TestPostgres.dataSource(repo);
        CyclicBarrier together = new CyclicBarrier(STARTERS);
        List<Future<?>> starters = new ArrayList<>();
        for (int i = 0; i < STARTERS; i++) {
          starters.add(pool.submit(() -> {
            together.await();
            new RepositorySchema(ds);
            return null;
          }));
        }
        for (Future<?> f : starters) {
          f.get(60, TimeUnit.SECONDS); // throws the starter's failure, if any
        }
        assertThat(TestPostgres.strings("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
            + repo + "' AND table_name IN ('batch_job_instance', 'batch_step_execution_context',"
            + " 'tributary_watermark', 'tributary_load_audit', 'tributary_run_lock', 'tributary_job_identity')"
            + " ORDER BY table_name"))
            .containsExactly("batch_job_instance", "batch_step_execution_context", "tributary_job_identity",
                "tributary_load_audit", "tributary_run_lock", "tributary_watermark");
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
