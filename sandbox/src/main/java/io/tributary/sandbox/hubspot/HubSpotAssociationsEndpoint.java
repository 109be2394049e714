package io.tributary.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.sandbox.RowState;
import io.tributary.sandbox.VendorResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /crm/v4/associations/{from}/{to}/batch/read} (spec: HubSpot-public-api-spec-collection, CRM
 * Associations v4, {@code BatchResponsePublicAssociationMultiWithLabel}). At most 1,000 inputs a request (v4
 * associations guide, "Limits"; changelog "Batch Read Limit for HubSpot Associations API", Feb 2025). Each result is
 * {@code {from:{id}, to:[{toObjectId, associationTypes:[{category,typeId,label}]}]}} with its own
 * {@code paging.next.after} when the record has more links than one page holds; the client sends that token back
 * next to the id. HubSpot documents no per-record page size (500 is the sandbox default, {@code
 * hubspot.association_page}), and ids it cannot find are left out here, where HubSpot answers 207 with an
 * {@code errors} list (both unverified). {@code toObjectId} is a string, as the spec's schema says.
 */
record HubSpotAssociationsEndpoint(HubSpotRecords records, HubSpotAssociations associations, int pageSize) {

  static final int MAX_INPUTS = 1_000;

  VendorResponse batchRead(String from, String to, String body, boolean corrupt, Instant now) throws IOException {
    HubSpotCatalog.ObjectType fromType = records.catalog().object(from);
    if (fromType == null || records.catalog().object(to) == null) {
      return HubSpotJson.error(400, "VALIDATION_ERROR", "Unable to infer object type from: "
          + (fromType == null ? from : to));
    }
    if (!HubSpotAssociations.simulated(from, to)) {
      return HubSpotJson.error(400, "VALIDATION_ERROR", "the sandbox simulates no associations from " + from
          + " to " + to);
    }
    JsonNode inputs = HubSpotJson.MAPPER.readTree(body).path("inputs");
    if (inputs.size() > MAX_INPUTS) {
      return HubSpotJson.error(400, "VALIDATION_ERROR", "Batch read is limited to 1000 inputs, got "
          + inputs.size());
    }
    List<Object> results = new ArrayList<>();
    long size = records.dataset().size(from);
    for (JsonNode in : inputs) {
      long index = fromType.index(in.path("id").asText());
      if (index < 0 || index >= size || records.dataset().row(from, index).deleted()) {
        continue;
      }
      RowState row = records.dataset().row(from, index);
      int offset = in.hasNonNull("after") ? decode(in.get("after").asText()) : 0;
      results.add(result(fromType.id(index), associations.of(row, to), offset, corrupt && results.isEmpty()));
    }
    return HubSpotJson.batch(results, now, 9);
  }

  private Map<String, Object> result(String fromId, List<HubSpotAssociations.Link> links, int offset,
      boolean corrupt) {
    List<Object> to = new ArrayList<>();
    int end = Math.min(links.size(), offset + pageSize);
    for (int i = offset; i < end; i++) {
      HubSpotAssociations.Link link = links.get(i);
      List<Object> types = new ArrayList<>();
      for (HubSpotAssociations.Type t : link.types()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("category", t.category());
        m.put("typeId", corrupt && types.isEmpty() ? "not-a-number" : t.typeId());
        m.put("label", t.label());
        types.add(m);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("toObjectId", link.toId());
      m.put("associationTypes", types);
      to.add(m);
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("from", Map.of("id", fromId));
    r.put("to", to);
    if (end < links.size()) {
      String token = Base64.getEncoder().encodeToString(("links:" + end).getBytes(StandardCharsets.UTF_8));
      r.put("paging", Map.of("next", Map.of("after", token, "link", "?after=" + token)));
    }
    return r;
  }

  private static int decode(String token) {
    try {
      String s = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
      return s.startsWith("links:") ? Integer.parseInt(s.substring(6)) : 0;
    } catch (IllegalArgumentException e) {
      return 0;
    }
  }
}
