package io.tributary.source.hubspot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The CRM objects Tributary reads and the property that carries each one's modification stamp. */
final class HubSpotObjects {

  // Contacts keep their stamp in "lastmodifieddate" (see the search guide's contacts example); others in
  // "hs_lastmodifieddate".
  private static final Map<String, String> MODIFIED = new LinkedHashMap<>();

  static {
    MODIFIED.put("contacts", "lastmodifieddate");
    MODIFIED.put("companies", "hs_lastmodifieddate");
    MODIFIED.put("deals", "hs_lastmodifieddate");
    MODIFIED.put("tickets", "hs_lastmodifieddate");
    MODIFIED.put("products", "hs_lastmodifieddate");
    MODIFIED.put("line_items", "hs_lastmodifieddate");
  }

  private HubSpotObjects() {}

  static Set<String> names() {
    return MODIFIED.keySet();
  }

  static boolean known(String object) {
    return MODIFIED.containsKey(object);
  }

  static String modifiedProperty(String object) {
    return MODIFIED.get(object);
  }
}
