package io.tributary.source.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.SourceRecord;
import io.tributary.core.TributaryException;
import io.tributary.source.rest.RestDefinition.DeleteSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks a stream's records out of a response body with the definition's JSON pointer and marks deleted ones. An
 * element that is not a JSON object becomes a record with an {@code _error} field, which the engine quarantines.
 */
record RecordSelector(String stream, String pointer, DeleteSpec deletes, ObjectMapper json, RestHook hook) {

  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  List<SourceRecord> records(JsonNode body) {
    JsonNode list = (hook == null ? body : hook.response(stream, body)).at(pointer);
    if (list.isMissingNode() || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw TributaryException.config("stream '" + stream + "': records pointer '" + pointer + "' selects "
          + list.getNodeType().toString().toLowerCase() + ", not a list of records",
          "fix records: in the definition (a JSON pointer to the array, \"\" when the body is the array)");
    }
    List<SourceRecord> out = new ArrayList<>(list.size());
    for (JsonNode n : list) {
      if (!n.isObject()) {
        out.add(SourceRecord.of(Map.of("_error", "record is not a JSON object: " + n)));
        continue;
      }
      Map<String, Object> fields = json.convertValue(n, MAP);
      if (hook != null) {
        fields = hook.record(stream, fields);
      }
      out.add(new SourceRecord(fields, deleted(n), null));
    }
    return out;
  }

  private boolean deleted(JsonNode record) {
    if (deletes == null) {
      return false;
    }
    JsonNode v = deletes.field().startsWith("/") ? record.at(deletes.field()) : record.path(deletes.field());
    if (v.isMissingNode() || v.isNull()) {
      return false;
    }
    if (deletes.equals() != null) {
      return v.asText().equalsIgnoreCase(deletes.equals());
    }
    return !(v.isBoolean() && !v.asBoolean()) && !v.asText().isEmpty();
  }

  /** A field's value as text: a top-level name, a dotted path into nested objects, or a JSON pointer. */
  @SuppressWarnings("unchecked")
  static String valueAt(Map<String, Object> fields, String field) {
    Object v = fields.get(field);
    if (v == null && (field.indexOf('.') > 0 || field.startsWith("/"))) {
      Object cur = fields;
      for (String part : field.replaceFirst("^/", "").split(field.startsWith("/") ? "/" : "\\.")) {
        cur = cur instanceof Map<?, ?> m ? ((Map<String, Object>) m).get(part) : null;
      }
      v = cur;
    }
    return v == null ? null : v.toString();
  }
}
