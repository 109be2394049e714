package io.tributary.sink.duckdb;

import static io.tributary.sink.duckdb.DuckDbTestTables.account;
import static io.tributary.sink.duckdb.DuckDbTestTables.deleted;
import static io.tributary.sink.duckdb.DuckDbTestTables.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.Cursor;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.RunInfo;
import io.tributary.core.StreamSchema;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.WriteMode;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run 1 (full), then run 2 (incremental with updates, a new key and a delete), compared with a golden JSONL. */
@Tag("unit")
class DuckDbSinkGoldenTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StreamSchema ACCOUNTS = new StreamSchema("accounts",
      List.of(Column.of("id", ColumnType.INTEGER), Column.of("name", ColumnType.STRING),
          Column.decimal("amount", 18, 2), Column.of("updated_at", ColumnType.TIMESTAMP)),
      List.of("id"));

  @TempDir Path dir;

  @Test
  void twoRunsEndInTheGoldenTable() throws Exception {
    Path file = dir.resolve("golden.duckdb");
    try (DuckDbSink sink = DuckDbSink.open(file, "raw")) {
      TableWriter run1 = sink.open(spec(1, 100, "2024-06-01T00:00:00Z"));
      write(sink, run1, List.of(acct(1, "Acme", "100.00", "2024-05-30T10:00:00Z"),
          acct(2, "Globex", "250.50", "2024-05-30T11:00:00Z")), Cursor.of("updated_at", "2024-05-30T11:00:00Z"));
      write(sink, run1, List.of(acct(3, "Initech", "0.99", "2024-05-31T09:00:00.000001Z")),
          Cursor.of("updated_at", "2024-05-31T09:00:00.000001Z"));
      run1.finish();
    }
    try (DuckDbSink sink = DuckDbSink.open(file, "raw")) {
      TableWriter run2 = sink.open(spec(2, 200, "2024-06-02T00:00:00Z"));
      // the lookback re-reads Initech unchanged; Globex changes twice in one chunk; Acme is deleted; Umbrella is new
      write(sink, run2, List.of(acct(3, "Initech", "0.99", "2024-05-31T09:00:00.000001Z"),
          acct(2, "Globex Corp", "260.00", "2024-06-01T08:00:00Z"),
          acct(2, "Globex Corporation", "261.00", "2024-06-01T09:00:00Z"),
          deleted(1L, null, null, null),
          acct(4, "Umbrella", "-5.25", "2024-06-01T10:00:00Z")), Cursor.of("updated_at", "2024-06-01T10:00:00Z"));
      run2.finish();

      assertThat(table(sink)).isEqualTo(golden("accounts-after-run2.jsonl"));
    }
  }

  private static io.tributary.core.Row acct(long id, String name, String amount, String updated) {
    return DuckDbTestTables.row(id, name, new BigDecimal(amount), Instant.parse(updated));
  }

  private static TableSpec spec(long instance, long run, String extractedAt) {
    return new TableSpec("accounts", "accounts", ACCOUNTS, WriteMode.MERGE,
        new RunInfo("golden", instance, run, Instant.parse(extractedAt)));
  }

  private static void write(DuckDbSink sink, TableWriter w, List<io.tributary.core.Row> rows, Cursor position) {
    sink.inChunk(
        () -> w.write(rows, List.<QuarantinedRecord>of(), position));
  }

  private static List<Map<String, Object>> table(DuckDbSink sink) throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> r : query(sink, "SELECT * FROM raw.accounts ORDER BY id")) {
      Map<String, Object> json = new LinkedHashMap<>();
      r.forEach((k, v) -> json.put(k, v instanceof BigDecimal || v instanceof Instant ? v.toString() : v));
      // through JSON so numbers compare by JSON value, as in the golden file
      rows.add(JSON.readValue(JSON.writeValueAsString(json), Map.class));
    }
    return rows;
  }

  private static List<Map<String, Object>> golden(String name) throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (InputStream in = DuckDbSinkGoldenTest.class.getResourceAsStream("/sink/duckdb/" + name)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          rows.add(JSON.readValue(line, Map.class));
        }
      }
    }
    return rows;
  }
}
