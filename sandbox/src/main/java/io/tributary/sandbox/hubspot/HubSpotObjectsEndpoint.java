package io.tributary.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.sandbox.RowState;
import io.tributary.sandbox.VendorResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The list, batch read and properties endpoints of CRM v3. List pages ({@link HubSpotListPage}) hold at most 100.
 */
final class HubSpotObjectsEndpoint {

  static final int MAX_LIST_LIMIT = 100;
  static final int MAX_BATCH_INPUTS = 100;

  private final HubSpotRecords records;

  HubSpotObjectsEndpoint(HubSpotRecords records) {
    this.records = records;
  }

  /** GET /crm/v3/objects/{type}?limit&after&properties&archived. */
  VendorResponse list(HubSpotCatalog.ObjectType type, Map<String, String> query, boolean corrupt) {
    List<String> props = query.containsKey("properties") && !query.get("properties").isBlank()
        ? List.of(query.get("properties").split(",")) : List.of();
    return HubSpotListPage.of(records.dataset(), type, query, 10, MAX_LIST_LIMIT, corrupt,
        (row, bad) -> records.object(row, props, bad));
  }

  /** POST /crm/v3/objects/{type}/batch/read: up to 100 ids; unknown or archived ids are left out. */
  VendorResponse batchRead(HubSpotCatalog.ObjectType type, String body, boolean corrupt, Instant now)
      throws IOException {
    JsonNode req = HubSpotJson.MAPPER.readTree(body);
    JsonNode inputs = req.path("inputs");
    if (inputs.size() > MAX_BATCH_INPUTS) {
      return HubSpotJson.error(400, "VALIDATION_ERROR", "Batch input is limited to 100 inputs, got " + inputs.size());
    }
    List<String> props = new ArrayList<>();
    req.path("properties").forEach(p -> props.add(p.asText()));
    List<Object> results = new ArrayList<>();
    long size = records.dataset().size(type.name());
    for (JsonNode in : inputs) {
      long index = type.index(in.path("id").asText());
      if (index >= 0 && index < size) {
        RowState row = records.dataset().row(type.name(), index);
        if (!row.deleted()) {
          results.add(records.object(row, props, corrupt && results.isEmpty()));
        }
      }
    }
    return HubSpotJson.batch(results, now, 12);
  }

  /** GET /crm/v3/properties/{type}: {@code {"results":[Property...]}} shaped like the official spec example. */
  VendorResponse properties(HubSpotCatalog.ObjectType type) {
    List<Object> results = new ArrayList<>();
    int order = 0;
    for (HubSpotCatalog.Property p : type.properties()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", p.name());
      m.put("label", p.name().replace('_', ' '));
      m.put("type", p.type());
      m.put("fieldType", p.fieldType());
      m.put("description", "");
      m.put("groupName", p.hubspotDefined() ? type.name().replaceAll("s$", "") + "information" : "tributary");
      m.put("options", List.of());
      m.put("displayOrder", order++);
      m.put("calculated", false);
      m.put("externalOptions", false);
      m.put("hasUniqueValue", p.name().equals("hs_object_id"));
      m.put("hidden", false);
      m.put("hubspotDefined", p.hubspotDefined());
      m.put("modificationMetadata", Map.of("archivable", !p.hubspotDefined(), "readOnlyDefinition",
          p.hubspotDefined(), "readOnlyValue", p.name().equals("hs_object_id")));
      m.put("formField", false);
      results.add(m);
    }
    return HubSpotJson.ok(Map.of("results", results));
  }
}
