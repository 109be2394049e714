package io.tributary.source.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Owners API pages ({@code GET /crm/v3/owners/}, Owners guide) as flat records: the owner's fields at the top level,
 * {@code teams} kept as a JSON array (absent in the response when the owner is on no team: null here).
 */
final class HubSpotOwnerRecords {

  private HubSpotOwnerRecords() {}

  static List<Column> columns() {
    return List.of(Column.of("id", ColumnType.STRING).notNull(), Column.of("email", ColumnType.STRING),
        Column.of("type", ColumnType.STRING), Column.of("firstName", ColumnType.STRING),
        Column.of("lastName", ColumnType.STRING), Column.of("userId", ColumnType.INTEGER),
        Column.of("userIdIncludingInactive", ColumnType.INTEGER), Column.of("createdAt", ColumnType.TIMESTAMP),
        Column.of("updatedAt", ColumnType.TIMESTAMP), Column.of("archived", ColumnType.BOOLEAN),
        Column.of("teams", ColumnType.JSON));
  }

  static Map<String, Object> flatten(JsonNode o) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", o.path("id").asText());
    for (String f : List.of("email", "type", "firstName", "lastName", "userId", "userIdIncludingInactive",
        "createdAt", "updatedAt")) {
      JsonNode v = o.get(f);
      r.put(f, v == null || v.isNull() ? null : v.asText());
    }
    r.put("archived", o.path("archived").asBoolean(false));
    JsonNode teams = o.get("teams");
    r.put("teams", teams == null || teams.isNull() ? null : teams.toString());
    return r;
  }
}
