package io.tributary.sink.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real google-cloud-bigquery client against {@link BigQueryStub} on loopback. Pins every call and job
 * configuration of two runs (create, evolve, resumable-upload load, publishing script, cleanup) in golden files per
 * mode, and proves: one load job and one query job per stream per run whatever the chunk count; a load that ends with
 * {@code status.errorResult} fails {@code finish} with the position kept, and the rerun publishes once; a crash after
 * the publishing transaction committed never publishes twice.
 */
@Tag("sandbox")
class BigQuerySinkContractIT {

  private static final Instant RUN_1_AT = Instant.parse("2024-05-01T00:00:00Z");
  private static final Instant RUN_2_AT = Instant.parse("2024-05-02T00:00:00Z");
  private static final StreamSchema RUN_1_SCHEMA = new StreamSchema("customers", List.of(
      Column.of("id", ColumnType.INTEGER), Column.of("name", ColumnType.STRING), Column.decimal("amount", 12, 2),
      Column.of("signup", ColumnType.DATE), Column.of("updated_at", ColumnType.TIMESTAMP),
      Column.of("score", ColumnType.INTEGER), Column.of("attrs", ColumnType.JSON)), List.of("id"));
  /** Run 2 adds {@code tier} and widens {@code score} from INT64 to FLOAT64. */
  private static final StreamSchema RUN_2_SCHEMA = new StreamSchema("customers", List.of(
      Column.of("id", ColumnType.INTEGER), Column.of("name", ColumnType.STRING), Column.decimal("amount", 12, 2),
      Column.of("signup", ColumnType.DATE), Column.of("updated_at", ColumnType.TIMESTAMP),
      Column.of("score", ColumnType.DOUBLE), Column.of("attrs", ColumnType.JSON),
      Column.of("tier", ColumnType.STRING)), List.of("id"));
  private static final List<List<Row>> RUN_1 = List.of(
      List.of(row(false, 1L, "Ada", "12.50", "2024-01-02", "2024-03-01T10:00:00.123456789Z", 7L, "{\"tier\":\"gold\"}"),
          row(false, 2L, "Grace", "-3.10", null, null, null, null)),
      List.of(row(false, 3L, "Linus", "1000000.00", "2024-02-29", "2024-03-01T12:00:00Z", 1L, null)));
  private static final List<List<Row>> RUN_2 = List.of(
      List.of(row(false, 4L, "Ken", "0.01", null, null, 9.75, null, "t1")),
      List.of(row(true, 2L, null, null, null, null, null, null, null)));

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
  void mergeRunsPinnedCallByCall() throws IOException {
    BigQuerySink sink = sink(Map.of("customers", new BigQuerySinkConfig.TableOptions("signup", null, null)));
    load(sink, spec(RUN_1_SCHEMA, WriteMode.MERGE, 1, 1, RUN_1_AT), RUN_1);
    load(sink, spec(RUN_2_SCHEMA, WriteMode.MERGE, 2, 2, RUN_2_AT), RUN_2);
    assertGolden("merge.calls", calls());
    assertThat(uploadsAndScripts()).containsExactly("upload", "script", "upload", "script");
    assertThat(stub.loaded.values()).containsExactlyInAnyOrder(
        "{\"id\":\"1\",\"name\":\"Ada\",\"amount\":\"12.50\",\"signup\":\"2024-01-02\","
            + "\"updated_at\":\"2024-03-01 10:00:00.123456+00:00\",\"score\":\"7\",\"attrs\":\"{\\\"tier\\\":\\\"gold\\\"}\","
            + "\"_tributary_extracted_at\":\"2024-05-01 00:00:00.000000+00:00\",\"_tributary_run_id\":\"1\","
            + "\"_tributary_deleted\":false,\"_tributary_seq\":\"1\"}\n"
            + "{\"id\":\"2\",\"name\":\"Grace\",\"amount\":\"-3.10\",\"signup\":null,\"updated_at\":null,\"score\":null,"
            + "\"attrs\":null,\"_tributary_extracted_at\":\"2024-05-01 00:00:00.000000+00:00\","
            + "\"_tributary_run_id\":\"1\",\"_tributary_deleted\":false,\"_tributary_seq\":\"2\"}\n"
            + "{\"id\":\"3\",\"name\":\"Linus\",\"amount\":\"1000000.00\",\"signup\":\"2024-02-29\","
            + "\"updated_at\":\"2024-03-01 12:00:00.000000+00:00\",\"score\":\"1\",\"attrs\":null,"
            + "\"_tributary_extracted_at\":\"2024-05-01 00:00:00.000000+00:00\",\"_tributary_run_id\":\"1\","
            + "\"_tributary_deleted\":false,\"_tributary_seq\":\"3\"}\n",
        "{\"id\":\"4\",\"name\":\"Ken\",\"amount\":\"0.01\",\"signup\":null,\"updated_at\":null,\"score\":9.75,"
            + "\"attrs\":null,\"tier\":\"t1\",\"_tributary_extracted_at\":\"2024-05-02 00:00:00.000000+00:00\","
            + "\"_tributary_run_id\":\"2\",\"_tributary_deleted\":false,\"_tributary_seq\":\"1\"}\n"
            + "{\"id\":\"2\",\"name\":null,\"amount\":null,\"signup\":null,\"updated_at\":null,\"score\":null,"
            + "\"attrs\":null,\"tier\":null,\"_tributary_extracted_at\":\"2024-05-02 00:00:00.000000+00:00\","
            + "\"_tributary_run_id\":\"2\",\"_tributary_deleted\":true,\"_tributary_seq\":\"2\"}\n");
    assertThat(stub.state.get("erp|customers")).element(0).isEqualTo("2");
    assertThat(stub.state.get("erp|customers")).element(1).isEqualTo("{\"updated_at\":\"chunk-1\"}");
  }

  @Test
  void appendAndReplaceScriptsArePinned() throws IOException {
    BigQuerySink sink = sink(Map.of());
    load(sink, spec(RUN_1_SCHEMA, WriteMode.APPEND, 1, 1, RUN_1_AT), RUN_1);
    assertGolden("append.calls", calls());
    stub.calls().size();
    BigQueryStub appendStub = stub;
    stub = new BigQueryStub();
    appendStub.close();
    load(sink(Map.of()), spec(RUN_1_SCHEMA, WriteMode.REPLACE, 1, 1, RUN_1_AT), RUN_1);
    assertGolden("replace.calls", calls());
  }

  @Test
  void aFailedLoadFailsFinishWithThePositionKeptAndTheRerunPublishesOnce() {
    BigQuerySink sink = sink(Map.of());
    TableSpec spec = spec(RUN_1_SCHEMA, WriteMode.MERGE, 1, 1, RUN_1_AT);
    stub.failNextLoad = true;
    assertThatThrownBy(() -> load(sink, spec, RUN_1)).isInstanceOfSatisfying(TributaryException.class, e -> {
      assertThat(e.getMessage()).contains("[invalid]").contains("JSON table encountered too many errors");
      assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG);
    });
    assertThat(uploadsAndScripts()).containsExactly("upload");
    assertThat(stub.state.get("erp|customers")).as("claimed by the writer, no job instance's state")
        .startsWith("-1", "{}", "");
    try (TableWriter restarted = sink.open(spec)) {
      assertThat(restarted.committedPosition()).contains(position(1));
    }
    load(sink, spec, RUN_1);
    assertThat(uploadsAndScripts()).containsExactly("upload", "upload", "script");
    assertThat(stub.loaded.values()).allSatisfy(ndjson -> assertThat(ndjson.lines()).hasSize(3));
    assertThat(stub.state.get("erp|customers").get(1)).isEqualTo("{\"updated_at\":\"chunk-1\"}");
  }

  @Test
  void aCrashAfterThePublishCommittedNeverPublishesTwice() {
    BigQuerySink sink = sink(Map.of());
    TableSpec spec = spec(RUN_1_SCHEMA, WriteMode.APPEND, 1, 1, RUN_1_AT);
    stub.failDeletes = true;
    assertThatThrownBy(() -> load(sink, spec, RUN_1)).isInstanceOfSatisfying(TributaryException.class,
        e -> assertThat(e.kind()).isEqualTo(TributaryException.Kind.AUTH));
    stub.failDeletes = false;
    load(sink, spec, RUN_1);
    assertThat(uploadsAndScripts()).containsExactly("upload", "script");
  }

  @Test
  void withoutCredentialsTheSpoolPositionStillComesFirstAndALostSpoolRestartsTheRun() throws IOException {
    BigQuerySink sink = sink(Map.of());
    TableSpec spec = spec(RUN_1_SCHEMA, WriteMode.MERGE, 1, 1, RUN_1_AT);
    stub.failNextLoad = true;
    assertThatThrownBy(() -> load(sink, spec, RUN_1)).isInstanceOf(TributaryException.class);
    try (var files = Files.walk(spool)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (Files.isRegularFile(p)) {
          Files.delete(p);
        }
      }
    }
    try (TableWriter restarted = sink.open(spec)) {
      assertThat(restarted.committedPosition()).contains(Cursor.START);
    }
  }

  private BigQuerySink sink(Map<String, BigQuerySinkConfig.TableOptions> tables) {
    return new BigQuerySink(new BigQuerySinkConfig("acme-analytics", "raw", "US", null, spool.toString(), tables,
        stub.endpoint()), new JobContext("erp", Path.of("jobs/erp.yml"), spool));
  }

  private static TableSpec spec(StreamSchema schema, WriteMode mode, long instance, long runId, Instant at) {
    return new TableSpec("customers", "customers", schema, mode, new RunInfo("erp", instance, runId, at));
  }

  private static Cursor position(int chunk) {
    return Cursor.of("updated_at", "chunk-" + chunk);
  }

  private static void load(BigQuerySink sink, TableSpec spec, List<List<Row>> chunks) {
    try (TableWriter writer = sink.open(spec)) {
      Optional<Cursor> committed = writer.committedPosition();
      int start = 0;
      for (int i = 0; i < chunks.size(); i++) {
        if (committed.isPresent() && committed.get().equals(position(i))) {
          start = i + 1;
        }
      }
      for (int i = start; i < chunks.size(); i++) {
        int k = i;
        sink.inChunk(() -> writer.write(chunks.get(k), List.of(), position(k)));
      }
      writer.finish();
    }
  }

  private List<String> uploadsAndScripts() {
    List<String> out = new ArrayList<>();
    for (BigQueryStub.Call c : stub.calls()) {
      if (c.path().endsWith("uploadType=resumable")) {
        out.add("upload");
      } else if (c.body() != null && c.body().path("configuration").path("query").path("query").asText()
          .startsWith("DECLARE ")) {
        out.add("script");
      }
    }
    return out;
  }

  private List<String> calls() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> out = new ArrayList<>();
    for (BigQueryStub.Call c : stub.calls()) {
      String body = c.body() == null ? "" : " " + json.writeValueAsString(c.body());
      out.add((c.method() + " " + c.path() + body).replaceAll("(tributary_[a-z]+_[a-z]+)_[0-9a-f]{32}", "$1_*")
          .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>"));
    }
    return out;
  }

  private static void assertGolden(String name, List<String> actual) throws IOException {
    String text = String.join("\n", actual) + "\n";
    Path source = Path.of("sinks/bigquery/src/test/resources/sink/bigquery/golden", name);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(source, text);
    }
    try (InputStream in = BigQuerySinkContractIT.class.getResourceAsStream("/sink/bigquery/golden/" + name)) {
      String expected = Files.exists(source) ? Files.readString(source)
            : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(text).isEqualTo(expected);
    }
  }

  private static Row row(boolean deleted, Object... v) {
    Object[] values = v.clone();
    values[2] = v[2] == null ? null : new BigDecimal((String) v[2]);
    values[3] = v[3] == null ? null : LocalDate.parse((String) v[3]);
    values[4] = v[4] == null ? null : Instant.parse((String) v[4]);
    return new Row(values, deleted);
  }
}
