package io.tributary.source.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The Properties API ({@code GET /crm/v3/properties/{object}}, {@code {"results":[Property…]}}) as schema columns,
 * custom properties included. HubSpot sends every value as a string; the column type says how to coerce it.
 */
final class HubSpotProperties {

  /** One property: its name, HubSpot type and whether HubSpot defines it (false: a custom property). */
  record Property(String name, String type, boolean hubspotDefined) {

    Column column() {
      ColumnType t = switch (type) {
        case "number" -> ColumnType.DECIMAL;
        case "datetime" -> ColumnType.TIMESTAMP;
        case "date" -> ColumnType.DATE;
        case "bool" -> ColumnType.BOOLEAN;
        default -> ColumnType.STRING;
      };
      return Column.of(name, t);
    }
  }

  private HubSpotProperties() {}

  /** Parses the v3 envelope, or a bare array as some connectors' mocks use it. */
  static List<Property> parse(ObjectMapper json, InputStream body) throws IOException {
    JsonNode root = json.readTree(body);
    JsonNode items = root.isArray() ? root : root.path("results");
    List<Property> out = new ArrayList<>();
    for (JsonNode p : items) {
      if (p.path("archived").asBoolean(false)) {
        continue;
      }
      out.add(new Property(p.path("name").asText(), p.path("type").asText("string"),
          p.path("hubspotDefined").asBoolean(false)));
    }
    return out;
  }

  /** The stream's columns: id, the selected properties, then the object's own timestamps and archive flag. */
  static List<Column> columns(List<Property> properties) {
    List<Column> cols = new ArrayList<>();
    cols.add(Column.of("id", ColumnType.STRING).notNull());
    for (Property p : properties) {
      cols.add(p.column());
    }
    cols.add(Column.of("createdAt", ColumnType.TIMESTAMP));
    cols.add(Column.of("updatedAt", ColumnType.TIMESTAMP));
    cols.add(Column.of("archived", ColumnType.BOOLEAN));
    cols.add(Column.of("archivedAt", ColumnType.TIMESTAMP));
    return cols;
  }
}
