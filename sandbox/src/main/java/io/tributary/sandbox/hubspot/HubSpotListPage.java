package io.tributary.sandbox.hubspot;

import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxDataset;
import io.tributary.sandbox.VendorResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A page of a CRM v3 list endpoint ({@code GET /crm/v3/objects/{type}}, {@code GET /crm/v3/owners/}): rows in id
 * order, live ones or only archived ones ({@code archived=true}), at most {@code limit}. The {@code after} token is
 * opaque and, like the spec's example {@code "NTI1Cg%3D%3D"} (base64 of "525\n"), already percent-encoded in the JSON,
 * so a client must decode it once before sending it back.
 */
final class HubSpotListPage {

  /** Renders one row; {@code corrupt} is true for the first row of a page drawn as malformed. */
  interface RowRenderer {
    Object render(RowState row, boolean corrupt);
  }

  private HubSpotListPage() {}

  static VendorResponse of(SandboxDataset dataset, HubSpotCatalog.ObjectType type, Map<String, String> query,
      int defaultLimit, int maxLimit, boolean corrupt, RowRenderer renderer) {
    int limit = Math.min(maxLimit, Integer.parseInt(query.getOrDefault("limit", Integer.toString(defaultLimit))));
    boolean archived = Boolean.parseBoolean(query.getOrDefault("archived", "false"));
    long from = query.containsKey("after") ? decodeAfter(type, query.get("after")) : 0;
    if (from < 0) {
      return HubSpotJson.error(400, "VALIDATION_ERROR", "after '" + query.get("after") + "' is not a valid"
          + " paging cursor token");
    }
    long size = dataset.size(type.name());
    List<Object> results = new ArrayList<>();
    long i = from;
    for (; i < size && results.size() < limit; i++) {
      RowState row = dataset.row(type.name(), i);
      if (row.deleted() == archived) {
        results.add(renderer.render(row, corrupt && results.isEmpty()));
      }
    }
    while (i < size && dataset.row(type.name(), i).deleted() != archived) {
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
      return type.index(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).trim());
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }
}
