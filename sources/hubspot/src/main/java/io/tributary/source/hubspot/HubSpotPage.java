package io.tributary.source.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One page of a CRM v3 list, search or batch response: {@code results} (SimplePublicObject), {@code paging.next.after}
 * (a string token) and, for search, {@code total}. Each object becomes a flat record: {@code id}, every property at
 * the top level (values stay strings, as HubSpot sends them), {@code createdAt}, {@code updatedAt}, {@code archived}
 * and {@code archivedAt}.
 *
 * @param records the flattened objects
 * @param after the next page's token, or null on the last page
 * @param total the search's reported total, or -1 for list and batch responses
 */
record HubSpotPage(List<Map<String, Object>> records, String after, long total) {

  static HubSpotPage parse(ObjectMapper json, InputStream body) throws IOException {
    return parse(json, body, HubSpotPage::flatten);
  }

  /** A page whose {@code results} are flattened by {@code flatten}: CRM objects, or owners of the Owners API. */
  static HubSpotPage parse(ObjectMapper json, InputStream body, Function<JsonNode, Map<String, Object>> flatten)
      throws IOException {
    JsonNode root = json.readTree(body);
    List<Map<String, Object>> records = new ArrayList<>();
    for (JsonNode o : root.path("results")) {
      records.add(flatten.apply(o));
    }
    JsonNode after = root.path("paging").path("next").path("after");
    return new HubSpotPage(records, after.isMissingNode() || after.isNull() ? null : after.asText(),
        root.has("total") ? root.get("total").asLong() : -1);
  }

  static Map<String, Object> flatten(JsonNode o) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", o.path("id").asText());
    o.path("properties").fields().forEachRemaining(e -> r.putIfAbsent(e.getKey(), scalar(e.getValue())));
    r.put("createdAt", scalar(o.get("createdAt")));
    r.put("updatedAt", scalar(o.get("updatedAt")));
    r.put("archived", o.path("archived").asBoolean(false));
    r.put("archivedAt", scalar(o.get("archivedAt")));
    return r;
  }

  private static Object scalar(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return null;
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }
}
