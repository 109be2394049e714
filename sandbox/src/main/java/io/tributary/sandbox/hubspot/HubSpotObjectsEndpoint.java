package io.tributary.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxDataset;
import io.tributary.sandbox.VendorResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The list, batch read and properties endpoints of CRM v3. List pages are in id order, at most 100 a page;
 * the {@code after} token is opaque and, like the spec's example {@code "NTI1Cg%3D%3D"} (base64 of "525\n"),
 * already percent-encoded in the JSON, so a client must decode it once before sending it back.
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
    int limit = Math.min(MAX_LIST_LIMIT, Integer.parseInt(query.getOrDefault("limit", "10")));
    boolean archived = Boolean.parseBoolean(query.getOrDefault("archived", "false"));
    long from = 0;
    if (query.containsKey("after")) {
      from = decodeAfter(type, query.get("after"));
      if (from < 0) {
        return HubSpotJson.error(400, "VALIDATION_ERROR", "after '" + query.get("after") + "' is not a valid"
            + " paging cursor token");
      }
    }
    List<String> props = query.containsKey("properties") && !query.get("properties").isBlank()
        ? List.of(query.get("properties").split(",")) : List.of();
    SandboxDataset ds = records.dataset();
    long size = ds.size(type.name());
    List<Object> results = new ArrayList<>();
    long i = from;
    for (; i < size && results.size() < limit; i++) {
      RowState row = ds.row(type.name(), i);
      if (row.deleted() == archived) {
        results.add(records.object(row, props, corrupt && results.isEmpty()));
      }
    }
    while (i < size && ds.row(type.name(), i).deleted() != archived) {
      i++;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("results", results);
    if (i < size) {
      String token = URLEncoder.encode(Base64.getEncoder().encodeToString(
          (type.id(i) + "\n").getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
      out.put("paging", Map.of("next", Map.of("after", token, "link", "?after=" + token)));
    }
    return HubSpotJson.ok(out);
  }

  /** The row index a list token points at, or -1. The query decoder already removed one level of %-encoding. */
  private static long decodeAfter(HubSpotCatalog.ObjectType type, String token) {
    try {
      String id = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).trim();
      return type.index(id);
    } catch (IllegalArgumentException e) {
      return -1;
    }
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
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "COMPLETE");
    out.put("results", results);
    out.put("startedAt", HubSpotRecords.ISO_MILLIS.format(now));
    out.put("completedAt", HubSpotRecords.ISO_MILLIS.format(now.plusMillis(12)));
    return HubSpotJson.ok(out);
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
