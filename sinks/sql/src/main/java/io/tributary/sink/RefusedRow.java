package io.tributary.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.Row;
import io.tributary.core.StreamSchema;
import io.tributary.core.SystemColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A row of a chunk the warehouse cannot hold (a value out of its range, text it cannot store), by its index in the
 * chunk: the sink leaves it out of the load and quarantines it with {@code reason}, so it does not fail the chunk on
 * every run.
 */
public record RefusedRow(int rowIndex, String reason) {

  private static final ObjectMapper ROW_JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /**
   * The records the chunk quarantines: {@code quarantined} (refused by the mapping) followed by the {@code refused}
   * rows of {@code rows}; {@code quarantined} itself when the warehouse refused none.
   */
  public static List<QuarantinedRecord> quarantine(List<QuarantinedRecord> quarantined, List<RefusedRow> refused,
      List<Row> rows, StreamSchema schema) {
    if (refused.isEmpty()) {
      return quarantined;
    }
    List<QuarantinedRecord> all = new ArrayList<>(quarantined);
    for (RefusedRow r : refused) {
      all.add(r.record(rows.get(r.rowIndex()), schema));
    }
    return all;
  }

  /** The row as a quarantine record: its values as JSON by column name, its key, and the reason. */
  public QuarantinedRecord record(Row row, StreamSchema schema) {
    List<String> names = schema.columnNames();
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < names.size() && i < row.values().length; i++) {
      values.put(names.get(i), row.values()[i]);
    }
    values.put(SystemColumns.DELETED, row.deleted());
    StringJoiner key = new StringJoiner("|");
    for (String k : schema.primaryKey()) {
      int i = names.indexOf(k);
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
