package io.tributary.source.hubspot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON body of one incremental search: the window as GTE/LT filters on the modification stamp (epoch
 * milliseconds as strings, as in the search guide's BETWEEN example), the id range when there is one, one sort rule,
 * 200 results a page and the {@code after} offset.
 */
final class HubSpotSearchBody {

  /** Search rejects bodies over 3,000 characters with a 400 (CRM search guide, "Limits"). */
  static final int MAX_CHARS = 3_000;
  static final int PAGE = 200;

  private HubSpotSearchBody() {}

  static String build(ObjectMapper json, String modified, HubSpotSearchWindow w, List<String> properties) {
    ObjectNode req = json.createObjectNode();
    ArrayNode filters = req.putArray("filterGroups").addObject().putArray("filters");
    filter(filters, modified, "GTE", w.lo());
    filter(filters, modified, "LT", w.hi());
    if (w.byId()) {
      filter(filters, "hs_object_id", "GTE", w.idLo());
      filter(filters, "hs_object_id", "LT", w.idHi());
    }
    // Any fixed order pages a fixed result set completely; the stamp order keeps time windows readable.
    req.putArray("sorts").addObject().put("propertyName", w.byId() ? "hs_object_id" : modified)
        .put("direction", "ASCENDING");
    ArrayNode props = req.putArray("properties");
    properties.forEach(props::add);
    req.put("limit", PAGE);
    if (w.after() != null) {
      req.put("after", w.after());
    }
    return req.toString();
  }

  /** True when a body with these properties can exceed the limit (widest case: id filters and a long offset). */
  static boolean tooLong(ObjectMapper json, String modified, List<String> properties) {
    HubSpotSearchWindow widest = new HubSpotSearchWindow(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, 0,
        HubSpotSearchWindow.ID_MAX, HubSpotSearchWindow.ID_MAX, 0, "9999999");
    return build(json, modified, widest, properties).length() > MAX_CHARS;
  }

  private static void filter(ArrayNode filters, String property, String op, long value) {
    filters.addObject().put("propertyName", property).put("operator", op).put("value", Long.toString(value));
  }
}
