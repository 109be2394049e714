package io.tributary.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.sandbox.RowState;
import io.tributary.sandbox.VendorResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * POST /crm/v3/objects/{type}/search with HubSpot's limits (CRM search guide, "Limits"; fixtures
 * doc_search_limits.txt): a body of at most 3,000 characters, at most 200 results a page, 5 filter groups of 6
 * filters and 18 filters in total, and no paging past 10,000 results (400). Archived objects never appear. Paging is
 * an offset carried in {@code paging.next.after} as a string, as in the guide's examples ({@code "after":"10"}).
 */
final class HubSpotSearchEndpoint {

  static final int MAX_BODY_CHARS = 3_000;
  static final int MAX_LIMIT = 200;
  static final int MAX_RESULTS = 10_000;

  private final HubSpotRecords records;

  HubSpotSearchEndpoint(HubSpotRecords records) {
    this.records = records;
  }

  VendorResponse search(HubSpotCatalog.ObjectType type, String body, boolean corrupt) throws IOException {
    if (body.length() > MAX_BODY_CHARS) {
      return HubSpotJson.error(400, "VALIDATION_ERROR", "The request body is " + body.length()
          + " characters long; a search query can contain at most 3000 characters.");
    }
    JsonNode req = HubSpotJson.MAPPER.readTree(body.isBlank() ? "{}" : body);
    String invalid = validate(req);
    if (invalid != null) {
      return HubSpotJson.error(400, "VALIDATION_ERROR", invalid);
    }
    int limit = req.has("limit") ? req.get("limit").asInt() : 10;
    int offset = req.hasNonNull("after") ? Integer.parseInt(req.get("after").asText()) : 0;
    if (offset >= MAX_RESULTS) {
      return HubSpotJson.error(400, "VALIDATION_ERROR", "Search results are limited to 10000 total results;"
          + " after=" + offset + " pages beyond them. Narrow the query with filters.");
    }
    HubSpotFilters filters = new HubSpotFilters(type, records::properties);
    List<RowState> hits = new ArrayList<>();
    for (Iterator<RowState> it = records.dataset().scan(type.name(), null, null, false); it.hasNext(); ) {
      RowState row = it.next();
      if (filters.matches(row, req.get("filterGroups"))) {
        hits.add(row);
      }
    }
    hits.sort(filters.order(req.get("sorts")));
    List<String> props = new ArrayList<>();
    req.path("properties").forEach(p -> props.add(p.asText()));
    List<Object> results = new ArrayList<>();
    int end = Math.min(hits.size(), offset + limit);
    for (int i = offset; i < end; i++) {
      results.add(records.object(hits.get(i), props, corrupt && i == offset));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("total", hits.size());
    out.put("results", results);
    if (end < hits.size()) {
      out.put("paging", Map.of("next", Map.of("after", Integer.toString(end))));
    }
    return HubSpotJson.ok(out);
  }

  private static String validate(JsonNode req) {
    int limit = req.has("limit") ? req.get("limit").asInt() : 10;
    if (limit < 1 || limit > MAX_LIMIT) {
      return "limit must be between 1 and 200, got " + limit;
    }
    JsonNode groups = req.path("filterGroups");
    if (groups.size() > 5) {
      return "Too many filter groups: at most 5 are allowed, got " + groups.size();
    }
    int total = 0;
    for (JsonNode g : groups) {
      int n = g.path("filters").size();
      if (n > 6) {
        return "Too many filters in a group: at most 6 are allowed, got " + n;
      }
      total += n;
    }
    if (total > 18) {
      return "Too many filters: at most 18 in total are allowed, got " + total;
    }
    if (req.path("sorts").size() > 1) {
      return "Only one sorting rule can be applied to any search";
    }
    String after = req.path("after").asText("0");
    if (!after.isEmpty() && !after.matches("\\d+")) {
      return "after must be an integer, got '" + after + "'";
    }
    return null;
  }
}
