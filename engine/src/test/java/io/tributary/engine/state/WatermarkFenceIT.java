package io.tributary.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.Cursor;
import io.tributary.core.TributaryException;
import io.tributary.engine.run.RepositorySchema;
import io.tributary.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A stream's watermark is written only by the job's latest execution: a run that lost its run lock and finishes a
 * stream after another run of the job started (its execution exists) must not move the watermark back. Real
 * PostgreSQL job repository tables (created by {@link RepositorySchema}); executions inserted as Spring Batch stores them.
 */
@Tag("db")
class WatermarkFenceIT {

  private String repo;
  private WatermarkStore store;

  @BeforeEach
  void setUp() throws Exception {
    repo = TestPostgres.freshSchema("repo");
    PGSimpleDataSource ds = TestPostgres.dataSource(repo);
    new RepositorySchema(ds);
    store = new WatermarkStore(ds);
    sql("INSERT INTO " + repo + ".batch_job_instance (job_instance_id, version, job_name, job_key)"
        + " VALUES (1, 0, 'events', 'k1'), (2, 0, 'other', 'k2')");
    execution(1, 1);
  }

  @Test
  void theLatestExecutionWritesAndAnOvertakenOneIsRefusedLeavingTheWatermark() throws Exception {
    store.put("events", "s", Cursor.of("id", "10"), 1);
    assertThat(store.get("events", "s")).isEqualTo(Cursor.of("id", "10"));

    execution(2, 1); // another run of the job started (the restart of the same instance, under the lock)
    assertThatThrownBy(() -> store.put("events", "s", Cursor.of("id", "5"), 1))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind()).isEqualTo(TributaryException.Kind.TRANSIENT);
          assertThat(e.getMessage()).contains("run 1 of job 'events' was taken over by a later run");
        });
    assertThat(store.get("events", "s")).isEqualTo(Cursor.of("id", "10"));

    store.put("events", "s", Cursor.of("id", "20"), 2);
    assertThat(store.get("events", "s")).isEqualTo(Cursor.of("id", "20"));
  }

  @Test
  void anOvertakenRunCreatesNoFirstWatermarkAndAnotherJobsExecutionsDoNotCount() throws Exception {
    execution(2, 1);
    assertThatThrownBy(() -> store.put("events", "new", Cursor.of("id", "5"), 1))
        .isInstanceOf(TributaryException.class);
    assertThat(store.get("events", "new")).isEqualTo(Cursor.START);

    execution(3, 2); // a later execution of another job
    store.put("events", "new", Cursor.of("id", "7"), 2);
    assertThat(store.get("events", "new")).isEqualTo(Cursor.of("id", "7"));
  }

  private void execution(long id, long instance) throws Exception {
    sql("INSERT INTO " + repo + ".batch_job_execution (job_execution_id, version, job_instance_id, create_time,"
        + " status) VALUES (" + id + ", 0, " + instance + ", now(), 'STARTED')");
  }

  private static void sql(String statement) throws Exception {
    try (Connection c = TestPostgres.connect();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
