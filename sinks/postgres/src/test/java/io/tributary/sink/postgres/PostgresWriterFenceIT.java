package io.tributary.sink.postgres;

import static io.tributary.sink.postgres.PostgresSinkTestSupport.RUN_1_AT;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.accounts;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.at;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.query;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.row;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.run;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import io.tributary.testsupport.TestPostgres;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, fencing after a lost run lock: a run whose lock session was cut keeps loading while another run took the
 * lock and opened the same stream. Two sinks (two processes' pools) write the same job and stream; the stale writer's
 * next chunk must fail and roll back, so the table never holds a chunk twice. Rows are counted by SQL.
 */
@Tag("db")
class PostgresWriterFenceIT {

  private String schema;
  private PostgresSink stale;
  private PostgresSink current;

  @BeforeEach
  void freshSchema() {
    schema = TestPostgres.freshSchema("pgfence");
    stale = PostgresSinkTestSupport.sink(schema);
    current = PostgresSinkTestSupport.sink(schema);
  }

  @AfterEach
  void closeSinks() {
    stale.close();
    current.close();
  }

  private List<String> rowsAndDistinctIds(String table) {
    return query("SELECT count(*) || ' ' || count(DISTINCT id) FROM " + schema + "." + table);
  }

  @Test
  void anAppendChunkOfARunThatWasTakenOverFailsAndRollsBack() {
    TableWriter a = stale.open(spec(accounts(), WriteMode.APPEND, run(1, 11, RUN_1_AT)));
    a.write(List.of(row(1L, "a", null), row(2L, "b", null)), List.of(), at("2"));
    // run 12 took the lock (a restart of the same instance) and resumes after the warehouse's position
    TableWriter b = current.open(spec(accounts(), WriteMode.APPEND, run(1, 12, RUN_1_AT)));
    assertThat(b.committedPosition()).contains(at("2"));
    b.write(List.of(row(3L, "c", null), row(4L, "d", null)), List.of(), at("4"));

    assertThatThrownBy(() -> a.write(List.of(row(3L, "c", null), row(4L, "d", null)), List.of(), at("4")))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind()).isEqualTo(TributaryException.Kind.TRANSIENT);
          assertThat(e.getMessage()).startsWith("another run took over job 'job' (stream accounts");
        });
    assertThat(rowsAndDistinctIds("accounts")).containsExactly("4 4");
    b.write(List.of(row(5L, "e", null)), List.of(), at("5"));
    assertThat(rowsAndDistinctIds("accounts")).containsExactly("5 5");
  }

  @Test
  void aNewInstanceTakingOverAlsoFencesTheOldRun() {
    TableWriter a = stale.open(spec(accounts(), WriteMode.APPEND, run(1, 11, RUN_1_AT)));
    a.write(List.of(row(1L, "a", null)), List.of(), at("1"));
    TableWriter b = current.open(spec(accounts(), WriteMode.APPEND, run(2, 12, RUN_1_AT)));
    assertThatThrownBy(() -> a.write(List.of(row(2L, "b", null)), List.of(), at("2")))
        .isInstanceOf(TributaryException.class).hasMessageContaining("another run took over");
    b.write(List.of(row(2L, "b", null)), List.of(), at("2"));
    assertThat(rowsAndDistinctIds("accounts")).containsExactly("2 2");
  }

  @Test
  void aChunkInFlightWhileAnotherRunOpensCommitsFirstAndTheOtherResumesAfterIt() throws Exception {
    TableWriter a = stale.open(spec(accounts(), WriteMode.APPEND, run(1, 11, RUN_1_AT)));
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> chunk = CompletableFuture.runAsync(() ->
        stale.inChunk(() -> {
          a.write(List.of(row(1L, "a", null), row(2L, "b", null)), List.of(), at("2"));
          written.countDown();
          await(release);
        }));
    assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<TableWriter> opening =
        CompletableFuture.supplyAsync(() -> current.open(spec(accounts(), WriteMode.APPEND, run(1, 12, RUN_1_AT))));
    Thread.sleep(500);
    release.countDown();
    chunk.get(30, TimeUnit.SECONDS);
    TableWriter b = opening.get(30, TimeUnit.SECONDS);
    assertThat(b.committedPosition()).as("the open waited for the chunk in flight").contains(at("2"));
    assertThatThrownBy(() -> a.write(List.of(row(3L, "c", null)), List.of(), at("3")))
        .isInstanceOf(TributaryException.class).hasMessageContaining("another run took over");
    assertThat(rowsAndDistinctIds("accounts")).containsExactly("2 2");
  }

  @Test
  void theReplaceSwapOfARunThatWasTakenOverRollsBack() {
    TableWriter a = stale.open(spec(accounts(), WriteMode.REPLACE, run(1, 11, RUN_1_AT)));
    a.write(List.of(row(1L, "a", null), row(2L, "b", null)), List.of(), at("2"));
    TableWriter b = current.open(spec(accounts(), WriteMode.REPLACE, run(1, 12, RUN_1_AT)));
    assertThatThrownBy(a::finish).isInstanceOf(TributaryException.class)
        .hasMessageContaining("another run took over");
    assertThat(query("SELECT to_regclass('" + schema + ".accounts') IS NULL")).containsExactly("t");
    b.write(List.of(row(3L, "c", null)), List.of(), at("3"));
    b.finish();
    assertThat(rowsAndDistinctIds("accounts")).containsExactly("3 3");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

}
