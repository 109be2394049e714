package io.tributary.source.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A v4 association batch-read response ({@code BatchResponsePublicAssociationMultiWithLabel}: {@code results[]} of
 * {@code {from:{id}, to:[{toObjectId, associationTypes:[{category,typeId,label}]}], paging?}}) as link rows, one per
 * (from, to, type): a pair linked as "Primary" and unlabeled is two rows. Values stay as sent ({@code typeId} a
 * number, {@code toObjectId} a string in the spec, a number in some responses: both read as text); the columns
 * type them.
 *
 * @param rows the link rows
 * @param more from-ids whose links continue on another page, with the {@code after} token to send next to the id
 */
record HubSpotLinkRecords(List<Map<String, Object>> rows, Map<String, String> more) {

  static final List<String> KEY = List.of("from_id", "to_id", "type_id");

  static List<Column> columns() {
    return List.of(Column.of("from_id", ColumnType.STRING).notNull(), Column.of("to_id", ColumnType.STRING).notNull(),
        Column.of("type_id", ColumnType.INTEGER).notNull(), Column.of("category", ColumnType.STRING),
        Column.of("label", ColumnType.STRING));
  }

  static HubSpotLinkRecords parse(ObjectMapper json, InputStream body) throws IOException {
    JsonNode root = json.readTree(body);
    List<Map<String, Object>> rows = new ArrayList<>();
    Map<String, String> more = new LinkedHashMap<>();
    for (JsonNode result : root.path("results")) {
      String from = result.path("from").path("id").asText();
      for (JsonNode to : result.path("to")) {
        for (JsonNode type : to.path("associationTypes")) {
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("from_id", from);
          r.put("to_id", to.path("toObjectId").asText());
          r.put("type_id", type.path("typeId").asText());
          r.put("category", text(type.get("category")));
          r.put("label", text(type.get("label")));
          rows.add(r);
        }
      }
      JsonNode after = result.path("paging").path("next").path("after");
      if (!after.isMissingNode() && !after.isNull()) {
        more.put(from, after.asText());
      }
    }
    return new HubSpotLinkRecords(rows, more);
  }

  private static String text(JsonNode v) {
    return v == null || v.isNull() ? null : v.asText();
  }
}
