package io.tributary.sink.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.tributary.core.WriteMode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 17 through the real client and {@link BigQueryStub}, whose publish applies PARSE_JSON's documented default
 * ({@code wide_number_mode => 'exact'}): JSON the mapper accepts but BigQuery would reject used to fail the run's
 * one publishing job, and every rerun the same way. Such a record is quarantined with a reason at encode time; a
 * duplicate key resolves last-wins; the rest of the chunk publishes.
 */
@Tag("sandbox")
class BigQueryJsonValuesIT {

  private static final StreamSchema SCHEMA = new StreamSchema("events", List.of(
      Column.of("id", ColumnType.INTEGER), Column.of("attrs", ColumnType.JSON)), List.of("id"));
  private static final ObjectMapper JSON = new ObjectMapper();

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
  void jsonBigQueryWouldRejectIsQuarantinedAndTheRestPublishes() throws IOException {
    BigQuerySink sink = new BigQuerySink(new BigQuerySinkConfig("acme-analytics", "raw", "US", null,
        spool.toString(), Map.of(), stub.endpoint()), new JobContext("erp", Path.of("jobs/erp.yml"), spool));
    TableSpec spec = new TableSpec("events", "events", SCHEMA, WriteMode.MERGE,
        new RunInfo("erp", 1, 1, Instant.parse("2024-05-01T00:00:00Z")));
    List<Row> rows = List.of(
        row(1, "{\"amount\":123456789012345678901234567890.5}"),
        row(2, "{\"tier\":\"gold\",\"tier\":\"platinum\"}"),
        row(3, "{\"ratio\":0.1,\"big\":18446744073709551615,\"small\":-9223372036854775808}"),
        row(4, "[1, 2.5, {\"deep\": 1e400}]"));
    try (TableWriter writer = sink.open(spec)) {
      sink.inChunk(() -> writer.write(rows, List.of(), Cursor.of("id", "4")));
      writer.finish();
    }
    assertThat(stub.publishScripts()).hasSize(1);
    assertThat(stub.stateRows().get("erp|events").get(1)).isEqualTo("{\"id\":\"4\"}");
    List<String> staged = new ArrayList<>();
    List<String> quarantined = new ArrayList<>();
    for (String ndjson : stub.loaded.values()) {
      for (String line : ndjson.lines().toList()) {
        JsonNode n = JSON.readTree(line);
        if (n.has("reasons")) {
          quarantined.add(n.path("reasons").asText());
        } else {
          staged.add(n.path("id").asText() + " " + n.path("attrs").asText());
        }
      }
    }
    assertThat(staged).containsExactly("2 {\"tier\":\"platinum\"}",
        "3 {\"ratio\":0.1,\"big\":18446744073709551615,\"small\":-9223372036854775808}");
    assertThat(quarantined).hasSize(2).allSatisfy(r -> assertThat(r).startsWith("column attrs: ")
        .contains("BigQuery's JSON type cannot store exactly"));
    assertThat(quarantined.get(0)).contains("123456789012345678901234567890.5");
    assertThat(quarantined.get(1)).contains("1e400");
  }

  private static Row row(long id, String attrs) {
    return new Row(new Object[] {id, attrs}, false);
  }
}
