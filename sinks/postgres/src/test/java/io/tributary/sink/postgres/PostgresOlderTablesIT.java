package io.tributary.sink.postgres;

import static io.tributary.sink.postgres.PostgresSinkTestSupport.RUN_1_AT;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.accounts;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.at;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.execute;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.query;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.row;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.run;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.QuarantinedRecord;
import io.tributary.core.TableWriter;
import io.tributary.core.WriteMode;
import io.tributary.testsupport.TestPostgres;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A schema an earlier Tributary set up: its state table from before the committed-rows, writer and published columns,
 * its quarantine table as that Tributary created it (DDL copied from it). A run on it gets the new columns, loads,
 * quarantines, counts and resumes as on a new schema.
 */
@Tag("db")
class PostgresOlderTablesIT {

  @Test
  void aSchemaOfAnEarlierTributaryLoadsQuarantinesCountsAndResumes() {
    String schema = TestPostgres.freshSchema("pgolder");
    execute("CREATE TABLE " + schema + "._tributary_state (job text NOT NULL, stream text NOT NULL,"
        + " instance_id bigint NOT NULL, position text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(),"
        + " PRIMARY KEY (job, stream))");
    execute("CREATE TABLE " + schema + "._tributary_quarantine (job text NOT NULL, run_id bigint NOT NULL,"
        + " stream text NOT NULL, source_key text, raw_record text, reasons text NOT NULL,"
        + " quarantined_at timestamptz NOT NULL DEFAULT now())");
    try (PostgresSink sink = PostgresSinkTestSupport.sink(schema)) {
      TableWriter w = sink.open(spec(accounts(), WriteMode.MERGE, run(1, 11, RUN_1_AT)));
      sink.inChunk(() -> w.write(List.of(row(1L, "a", new BigDecimal("1.00")), row(2L, "b", null)),
          List.of(new QuarantinedRecord("3", "{\"id\":3}", List.of("amount: not a decimal"))), at("t1")));

      assertThat(query("SELECT count(*) FROM " + schema + ".accounts")).containsExactly("2");
      assertThat(query("SELECT source_key FROM " + schema + "._tributary_quarantine")).containsExactly("3");
      assertThat(query("SELECT target_table || ' ' || target_rows FROM " + schema + "._tributary_state"))
          .containsExactly("accounts 2");
      assertThat(sink.open(spec(accounts(), WriteMode.MERGE, run(1, 12, RUN_1_AT))).committedPosition())
          .contains(at("t1"));
    }
  }
}
