package io.tributary.sink.staged;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Cursor;
import io.tributary.core.QuarantinedRecord;
import io.tributary.sink.CursorJson;
import java.util.ArrayList;
import java.util.List;

/**
 * The control rows an {@link AtomicStagedWriter} stages beside a chunk's data rows, in the same COPY statement: the
 * chunk's marker (the job instance, the position reached, the data file and its columns) and the chunk's quarantined
 * records. Their text is JSON in the staging table's control column; data rows leave it NULL.
 */
public final class StagedControl {

  /** A committed chunk: {@code file} is null for a chunk without data rows. */
  public record Marker(long instanceId, Cursor position, String file, List<String> columns) {}

  static final String MARKER = "marker";
  static final String QUARANTINE = "quarantine";
  private static final ObjectMapper JSON = new ObjectMapper();

  private StagedControl() {}

  static String marker(Marker m) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode node = root.putObject(MARKER);
    node.put("instance", m.instanceId());
    node.put("position", CursorJson.write(m.position()));
    node.put("file", m.file());
    m.columns().forEach(node.putArray("columns")::add);
    return root.toString();
  }

  static String quarantine(QuarantinedRecord r) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode node = root.putObject(QUARANTINE);
    node.put("source_key", r.sourceKey());
    node.put("raw_record", r.rawJson());
    node.put("reasons", String.join("; ", r.reasons()));
    return root.toString();
  }

  /** The marker a control text holds, or null for a quarantined record. */
  static Marker readMarker(String text) {
    try {
      JsonNode node = JSON.readTree(text).get(MARKER);
      if (node == null) {
        return null;
      }
      List<String> columns = new ArrayList<>();
      node.get("columns").forEach(c -> columns.add(c.asText()));
      return new Marker(node.get("instance").asLong(), CursorJson.read(node.get("position").asText()),
          node.get("file").isNull() ? null : node.get("file").asText(), columns);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable control row in a staging table: " + text, e);
    }
  }

  /** The SQL condition of a marker row on the control column {@code column}. */
  static String isMarker(String column) {
    return column + " LIKE '{\"" + MARKER + "\"%'";
  }

  /** The SQL condition of a quarantine row on the control column {@code column}. */
  static String isQuarantine(String column) {
    return column + " LIKE '{\"" + QUARANTINE + "\"%'";
  }
}
