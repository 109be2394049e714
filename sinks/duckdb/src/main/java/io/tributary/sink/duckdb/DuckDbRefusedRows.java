package io.tributary.sink.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.Row;
import io.tributary.core.StreamSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The rows of a chunk DuckDB cannot hold (see {@link DuckDbValueRange}), as quarantine records, and the rest. */
record DuckDbRefusedRows(List<Row> loadable, List<QuarantinedRecord> records) {

  private static final ObjectMapper ROW_JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /** Null when every row can be loaded (the usual case: no copy of the chunk is made). */
  static DuckDbRefusedRows screen(List<Row> rows, DuckDbRowAppender appender, StreamSchema schema) {
    List<Row> loadable = null;
    List<QuarantinedRecord> records = null;
    for (int i = 0; i < rows.size(); i++) {
      String reason = appender.refusal(rows.get(i));
      if (reason != null && loadable == null) {
        loadable = new ArrayList<>(rows.subList(0, i));
        records = new ArrayList<>();
      }
      if (reason != null) {
        records.add(record(rows.get(i), reason, schema));
      } else if (loadable != null) {
        loadable.add(rows.get(i));
      }
    }
    return loadable == null ? null : new DuckDbRefusedRows(loadable, records);
  }

  private static QuarantinedRecord record(Row row, String reason, StreamSchema schema) {
    List<String> names = schema.columnNames();
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < names.size() && i < row.values().length; i++) {
      values.put(names.get(i), row.values()[i]);
    }
    StringJoiner key = new StringJoiner("|");
    for (String k : schema.primaryKey()) {
      int i = names.indexOf(schema.column(k).map(io.tributary.core.Column::name).orElse(k));
      key.add(i >= 0 && i < row.values().length ? String.valueOf(row.values()[i]) : "");
    }
    String json;
    try {
      json = ROW_JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      json = String.valueOf(values);
    }
    return new QuarantinedRecord(schema.primaryKey().isEmpty() ? null : key.toString(), json, List.of(reason));
  }
}
