package io.tributary.source.dynamics;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.JsonValues;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Dataverse Web API (OData v4) page: {@code value}, {@code @odata.nextLink} (carries a {@code $skiptoken}) and,
 * on the final page of a change-tracking read, {@code @odata.deltaLink}. A deleted row comes back with its own
 * {@code @odata.context} ending in {@code /$deletedEntity} and an {@code id} (not the key attribute's name), per
 * "Use change tracking to synchronize data with external systems" (fixtures dynamics365/doc_change_tracking_*).
 *
 * @param rows live rows (attribute → value), {@code @odata.etag} dropped
 * @param deletedIds ids of deleted rows, in order
 * @param nextLink the next page's absolute URL, or null
 * @param deltaLink the delta link to store as the watermark, or null
 */
record DynamicsPage(List<Map<String, Object>> rows, List<String> deletedIds, String nextLink, String deltaLink) {

  static final String FORMATTED = "@OData.Community.Display.V1.FormattedValue";

  /**
   * @param keepFormatted keep {@code attr@OData.Community.Display.V1.FormattedValue} annotations as
   *     {@code attr_formatted} columns; otherwise drop them
   */
  static DynamicsPage parse(ObjectMapper json, InputStream body, boolean keepFormatted) throws IOException {
    // Money and decimal columns must stay exact (31000.0000), not pass through a double.
    JsonNode root = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).readTree(body);
    List<Map<String, Object>> rows = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    for (JsonNode item : root.path("value")) {
      if (item.path("@odata.context").asText("").endsWith("/$deletedEntity")) {
        deleted.add(item.path("id").asText());
        continue;
      }
      rows.add(row(item, keepFormatted));
    }
    return new DynamicsPage(rows, deleted, text(root, "@odata.nextLink"), text(root, "@odata.deltaLink"));
  }

  private static Map<String, Object> row(JsonNode item, boolean keepFormatted) {
    Map<String, Object> r = new LinkedHashMap<>();
    item.fields().forEachRemaining(e -> {
      String name = e.getKey();
      if (name.endsWith(FORMATTED)) {
        if (keepFormatted) {
          r.put(name.substring(0, name.length() - FORMATTED.length()) + "_formatted", e.getValue().asText());
        }
      } else if (!name.startsWith("@odata.") && !name.contains("@")) {
        r.put(name, JsonValues.of(e.getValue()));
      }
    });
    return r;
  }

  private static String text(JsonNode root, String field) {
    JsonNode n = root.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }
}
