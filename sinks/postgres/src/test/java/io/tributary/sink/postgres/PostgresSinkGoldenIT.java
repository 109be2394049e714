package io.tributary.sink.postgres;

import static io.tributary.sink.postgres.PostgresSinkTestSupport.RUN_1_AT;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.RUN_2_AT;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.run;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.Cursor;
import io.tributary.core.RunInfo;
import io.tributary.core.Row;
import io.tributary.core.StreamSchema;
import io.tributary.core.TableWriter;
import io.tributary.core.WriteMode;
import io.tributary.testsupport.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Golden files: run 1 loads {@code run1.jsonl}, run 2 loads the incremental {@code run2.jsonl} (an update, a key twice
 * in one chunk, a soft delete carrying only its key, a lookback replay), in chunks of two; the final table must equal
 * {@code expected.jsonl}, written by hand in PostgreSQL's text output (UTC).
 */
@Tag("db")
class PostgresSinkGoldenIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DIR = "/sink/postgres/golden/";
  private static final StreamSchema CUSTOMERS = new StreamSchema("customers", List.of(
      Column.of("id", ColumnType.INTEGER), Column.of("name", ColumnType.STRING), Column.decimal("amount", 12, 2),
      Column.of("signup", ColumnType.DATE), Column.of("updated_at", ColumnType.TIMESTAMP),
      Column.of("active", ColumnType.BOOLEAN), Column.of("score", ColumnType.DOUBLE),
      Column.of("attrs", ColumnType.JSON)), List.of("id"));

  @Test
  void runOneThenIncrementalRunTwoEqualsTheGoldenTable() throws IOException {
    String schema = TestPostgres.freshSchema("pggolden");
    try (PostgresSink sink = PostgresSinkTestSupport.sink(schema)) {
      load(sink, run(1, 1, RUN_1_AT), "run1.jsonl");
      load(sink, run(2, 2, RUN_2_AT), "run2.jsonl");
    }

    List<Map<String, String>> expected = new ArrayList<>();
    for (String line : lines("expected.jsonl")) {
      expected.add(JSON.readValue(line, new TypeReference<Map<String, String>>() {}));
    }
    assertThat(PostgresSinkTestSupport.dump(schema, "customers", "id")).containsExactlyElementsOf(expected);
  }

  private static void load(PostgresSink sink, RunInfo run, String file) throws IOException {
    TableWriter writer = sink.open(spec(CUSTOMERS, WriteMode.MERGE, run));
    List<Row> chunk = new ArrayList<>();
    int n = 0;
    for (String line : lines(file)) {
      chunk.add(toRow(JSON.readTree(line)));
      n++;
      if (chunk.size() == 2) {
        writer.write(chunk, List.of(), Cursor.of("line", String.valueOf(n)));
        chunk = new ArrayList<>();
      }
    }
    if (!chunk.isEmpty()) {
      writer.write(chunk, List.of(), Cursor.of("line", String.valueOf(n)));
    }
    writer.finish();
  }

  private static Row toRow(JsonNode record) {
    List<Column> columns = CUSTOMERS.columns();
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      JsonNode v = record.get(columns.get(i).name());
      if (v == null || v.isNull()) {
        continue;
      }
      values[i] = switch (columns.get(i).type()) {
        case INTEGER -> v.asLong();
        case STRING -> v.asText();
        case DECIMAL -> new BigDecimal(v.asText());
        case DATE -> LocalDate.parse(v.asText());
        case TIMESTAMP -> Instant.parse(v.asText());
        case BOOLEAN -> v.asBoolean();
        case DOUBLE -> v.asDouble();
        case JSON -> v.toString();
      };
    }
    return new Row(values, record.path("_deleted").asBoolean(false));
  }

  private static List<String> lines(String file) throws IOException {
    try (InputStream in = PostgresSinkGoldenIT.class.getResourceAsStream(DIR + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
  }
}
