package io.tributary.sink.postgres;

import static io.tributary.sink.postgres.PostgresSinkTestSupport.RUN_1_AT;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.RUN_2_AT;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.accounts;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.at;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.deleted;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.execute;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.query;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.row;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.run;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.ChunkOutcome;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import io.tributary.testsupport.TestPostgres;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The committed-rows record of {@code _tributary_state} and what a chunk reports as landed, at the sink: the counts
 * are compared with {@code count(*)} of the table and the quarantine, read independently of the sink.
 */
@Tag("db")
class PostgresCommittedRowsIT {

  private String schema;
  private PostgresSink sink;

  @BeforeEach
  void freshSchema() {
    schema = TestPostgres.freshSchema("pgrows");
    sink = PostgresSinkTestSupport.sink(schema);
  }

  @AfterEach
  void closeSink() {
    sink.close();
  }

  private long tableRows() {
    return Long.parseLong(query("SELECT count(*) FROM " + schema + ".accounts").get(0));
  }

  private long committedRows() {
    return Long.parseLong(query("SELECT coalesce(sum(target_rows), 0) FROM " + schema + "._tributary_state"
        + " WHERE target_table = 'accounts'").get(0));
  }

  @Test
  void aChunkReportsTheRowsTheWarehouseRefusedAsQuarantinedNotWritten() {
    TableWriter w = sink.open(spec(accounts(), WriteMode.MERGE, run(1, 11, RUN_1_AT)));
    ChunkOutcome landed = w.load(List.of(row(1L, "ok", null), row(2L, "bad\u0000nul", null), row(3L, "ok", null)),
        List.of(new QuarantinedRecord("4", "{\"id\":4}", List.of("amount: not a number"))), at("t1"));

    long quarantine = Long.parseLong(query("SELECT count(*) FROM " + schema + "._tributary_quarantine").get(0));
    assertThat(tableRows()).isEqualTo(2);
    assertThat(quarantine).isEqualTo(2);
    assertThat(landed).isEqualTo(new ChunkOutcome(2, 2));
  }

  @Test
  void mergedUpdatesAndSoftDeletesDoNotCountAsAddedRowsButNewKeysDo() {
    TableWriter w = sink.open(spec(accounts(), WriteMode.MERGE, run(1, 11, RUN_1_AT)));
    w.write(List.of(row(1L, "a", null), row(2L, "b", null), row(3L, "c", null)), List.of(), at("t1"));
    // through the merge (not the first-load COPY): key 2 updated twice, 3 soft-deleted, 4 and 5 new
    w.write(List.of(row(2L, "b2", null), row(4L, "d", null), row(2L, "b3", null), deleted(3L, null, null),
        row(5L, "e", BigDecimal.ONE)), List.of(), at("t2"));
    w.write(List.of(row(5L, "e2", null), deleted(6L, null, null)), List.of(), at("t3"));

    assertThat(tableRows()).isEqualTo(6);
    assertThat(committedRows()).isEqualTo(6);
    w.verifyCommittedRows();
  }

  @Test
  void aTruncatedTargetFailsTheNextOpenAndTheEndOfStreamCheckNamingTableAndFix() {
    TableWriter w = sink.open(spec(accounts(), WriteMode.APPEND, run(1, 11, RUN_1_AT)));
    w.write(List.of(row(1L, "a", null), row(2L, "b", null), row(3L, "c", null)), List.of(), at("t1"));
    execute("DELETE FROM " + schema + ".accounts WHERE id = 3");

    assertThatThrownBy(w::verifyCommittedRows).isInstanceOfSatisfying(TributaryException.class, e -> {
      assertThat(e.kind()).isEqualTo(TributaryException.Kind.INTERNAL);
      assertThat(e.getMessage()).startsWith("table " + schema + ".accounts holds 2 rows but Tributary committed 3");
      assertThat(e.hint()).contains("--full-refresh");
    });
    execute("TRUNCATE " + schema + ".accounts");
    assertThatThrownBy(() -> sink.open(spec(accounts(), WriteMode.APPEND, run(2, 12, RUN_2_AT))))
        .hasMessageStartingWith("table " + schema + ".accounts holds 0 rows but Tributary committed 3");
    execute("DROP TABLE " + schema + ".accounts");
    assertThatThrownBy(() -> sink.open(spec(accounts(), WriteMode.APPEND, run(2, 12, RUN_2_AT))))
        .hasMessageStartingWith("table " + schema + ".accounts holds 0 rows but Tributary committed 3");
    // the failed open created nothing
    assertThat(query("SELECT to_regclass('" + schema + ".accounts')::text")).containsExactly((String) null);
  }

  @Test
  void aFullRefreshAcceptsTheTableAsItIsAndCountsOnFromThere() {
    TableWriter w = sink.open(spec(accounts(), WriteMode.MERGE, run(1, 11, RUN_1_AT)));
    w.write(List.of(row(1L, "a", null), row(2L, "b", null), row(3L, "c", null)), List.of(), at("t1"));
    execute("DELETE FROM " + schema + ".accounts WHERE id = 1");

    TableSpec refresh = new TableSpec("accounts", "accounts", accounts(), WriteMode.MERGE, run(2, 12, RUN_2_AT), true);
    TableWriter again = sink.open(refresh);
    assertThat(committedRows()).isEqualTo(2);
    again.write(List.of(row(1L, "a", null), row(2L, "b", null), row(3L, "c", null)), List.of(), at("t1"));
    assertThat(committedRows()).isEqualTo(3).isEqualTo(tableRows());
    // and the restart of that full refresh checks again instead of accepting the table anew
    execute("TRUNCATE " + schema + ".accounts");
    assertThatThrownBy(() -> sink.open(refresh)).hasMessageContaining("holds 0 rows but Tributary committed 3");
  }

  @Test
  void aReplaceLoadCountsItsNewTableFromZeroEachRun() {
    for (long instance = 1; instance <= 2; instance++) {
      TableWriter w = sink.open(spec(accounts(), WriteMode.REPLACE, run(instance, 10 + instance, RUN_1_AT)));
      w.write(List.of(row(1L, "a", null), row(2L, "b", null)), List.of(), at("t1"));
      w.verifyCommittedRows();
      w.finish();
      assertThat(tableRows()).isEqualTo(2);
    }
  }
}
