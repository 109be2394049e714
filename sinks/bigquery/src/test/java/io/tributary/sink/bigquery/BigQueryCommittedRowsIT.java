package io.tributary.sink.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.Cursor;
import io.tributary.core.JobContext;
import io.tributary.core.Row;
import io.tributary.core.RunInfo;
import io.tributary.core.StreamSchema;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 7 (the warehouse is verified, not trusted) through the real client and {@link BigQueryStub}: the publishing
 * script counts the rows it inserted into the state row, in its transaction, and a target that holds fewer than the
 * job's publishes inserted fails the next open or the end of the stream, naming the table and both counts. The
 * expected counts are the distinct keys each test loads.
 */
@Tag("sandbox")
class BigQueryCommittedRowsIT {

  private static final StreamSchema SCHEMA = new StreamSchema("customers", List.of(
      Column.of("id", ColumnType.INTEGER), Column.of("name", ColumnType.STRING)), List.of("id"));
  private static final Instant AT = Instant.parse("2024-05-01T00:00:00Z");
  private static final String TARGET = "raw.customers";

  @TempDir
  Path spool;
  private BigQueryStub stub;

  @BeforeEach
  void start() throws IOException {
    stub = new BigQueryStub();
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void aTargetTruncatedBetweenTwoRunsFailsTheNextOpen() {
    BigQuerySink sink = sink();
    load(sink, spec(WriteMode.MERGE, 1, 1, false), List.of(row(1, "Ada"), row(2, "Grace")), 1);
    stub.deleteRows(TARGET, 2);
    assertThatThrownBy(() -> sink.open(spec(WriteMode.MERGE, 2, 2, false)))
        .isInstanceOfSatisfying(TributaryException.class,
            e -> assertThat(e.kind()).isEqualTo(TributaryException.Kind.INTERNAL))
        .hasMessageContaining("table raw.customers holds 0 rows but Tributary committed 2 rows into it");
  }

  @Test
  void aTargetDroppedBetweenAFailedRunAndItsRestartFailsTheRestartAndIsNotRecreated() {
    BigQuerySink sink = sink();
    load(sink, spec(WriteMode.APPEND, 1, 1, false), List.of(row(1, "Ada"), row(2, "Grace"), row(3, "Linus")), 1);
    try (TableWriter writer = sink.open(spec(WriteMode.APPEND, 2, 2, false))) {
      sink.inChunk(() -> writer.write(List.of(row(4, "Ken")), List.of(), Cursor.of("updated_at", "chunk-2")));
      // the run fails here, before its publish
    }
    stub.dropTable(TARGET);
    assertThatThrownBy(() -> sink.open(spec(WriteMode.APPEND, 2, 3, false)))
        .hasMessageContaining("table raw.customers holds 0 rows but Tributary committed 3 rows into it");
    assertThat(stub.hasTable(TARGET)).isFalse();
  }

  @Test
  void rowsDeletedFromTheTargetDuringARunFailTheEndOfStreamCheckBeforeThePublish() {
    BigQuerySink sink = sink();
    load(sink, spec(WriteMode.MERGE, 1, 1, false), List.of(row(1, "Ada"), row(2, "Grace")), 1);
    try (TableWriter writer = sink.open(spec(WriteMode.MERGE, 2, 2, false))) {
      sink.inChunk(() -> writer.write(List.of(row(3, "Linus")), List.of(), Cursor.of("updated_at", "chunk-2")));
      stub.deleteRows(TARGET, 1);
      assertThatThrownBy(writer::verifyCommittedRows)
          .hasMessageContaining("table raw.customers holds 1 rows but Tributary committed 2 rows into it");
    }
  }

  @Test
  void mergedUpdatesAddNoRowsNewKeysDo() {
    BigQuerySink sink = sink();
    load(sink, spec(WriteMode.MERGE, 1, 1, false), List.of(row(1, "Ada"), row(2, "Grace")), 1);
    load(sink, spec(WriteMode.MERGE, 2, 2, false), List.of(row(2, "Grace H."), row(3, "Linus"), row(3, "L.")), 2);
    assertThat(stub.state.get("erp|customers").get(4)).isEqualTo("3");
    assertThat(stub.rowCount(TARGET)).isEqualTo(3);
  }

  @Test
  void aFullRefreshAcceptsTheTargetAsItIsAndItsRestartChecksAgain() {
    BigQuerySink sink = sink();
    load(sink, spec(WriteMode.APPEND, 1, 1, false), List.of(row(1, "Ada"), row(2, "Grace")), 1);
    stub.deleteRows(TARGET, 2);
    load(sink, spec(WriteMode.APPEND, 2, 2, true), List.of(row(1, "Ada"), row(2, "Grace")), 1);
    assertThat(stub.rowCount(TARGET)).isEqualTo(2);
    stub.deleteRows(TARGET, 1);
    assertThatThrownBy(() -> sink.open(spec(WriteMode.APPEND, 2, 3, true)))
        .hasMessageContaining("table raw.customers holds 1 rows but Tributary committed 2 rows into it");
  }

  @Test
  void aReplacePublishIsTheNewBaselineAndARunBeforeItsFirstPublishChecksNothing() {
    BigQuerySink sink = sink();
    List<Row> rows = List.of(row(1, "Ada"), row(2, "Grace"), row(3, "Linus"));
    load(sink, spec(WriteMode.REPLACE, 1, 1, false), rows, 1);
    stub.deleteRows(TARGET, 3);
    load(sink, spec(WriteMode.REPLACE, 2, 2, false), rows, 1);
    load(sink, spec(WriteMode.REPLACE, 3, 3, false), rows, 1);
    assertThat(stub.state.get("erp|customers").get(4)).isEqualTo("3");
    assertThat(stub.rowCount(TARGET)).isEqualTo(3);
  }

  private BigQuerySink sink() {
    return new BigQuerySink(new BigQuerySinkConfig("acme-analytics", "raw", "US", null, spool.toString(), Map.of(),
        stub.endpoint()), new JobContext("erp", Path.of("jobs/erp.yml"), spool));
  }

  private static TableSpec spec(WriteMode mode, long instance, long runId, boolean fullRefresh) {
    return new TableSpec("customers", "customers", SCHEMA, mode, new RunInfo("erp", instance, runId, AT),
        fullRefresh);
  }

  /** Opens, writes {@code rows} as one chunk ending at {@code chunk-<n>}, checks the target, finishes. */
  private static void load(BigQuerySink sink, TableSpec spec, List<Row> rows, int n) {
    try (TableWriter writer = sink.open(spec)) {
      sink.inChunk(() -> writer.write(rows, List.of(), Cursor.of("updated_at", "chunk-" + n)));
      writer.verifyCommittedRows();
      writer.finish();
    }
  }

  private static Row row(long id, String name) {
    return new Row(new Object[] {id, name}, false);
  }
}
