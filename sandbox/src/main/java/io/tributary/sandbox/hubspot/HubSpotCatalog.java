package io.tributary.sandbox.hubspot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CRM objects the HubSpot simulator serves, their properties (as the Properties API describes them) and their
 * ids. Ids grow with the row index but change digit count within a dataset, so their string order differs from their
 * numeric order, as in a real portal (ids such as "2810868468" and "57156923994" in the search guide's examples).
 */
public final class HubSpotCatalog {

  /** One property: name, HubSpot {@code type} and {@code fieldType}, and whether HubSpot defines it. */
  public record Property(String name, String type, String fieldType, boolean hubspotDefined) {}

  /** One object type, e.g. {@code contacts}, with the property that carries its modification stamp. */
  public record ObjectType(String name, String modifiedProperty, long idBase, long idStep, List<Property> properties) {

    public String id(long index) {
      return Long.toString(idBase + idStep * index);
    }

    /** The row index of an id, or -1 when the id is not one of this object's. */
    public long index(String id) {
      try {
        long n = Long.parseLong(id);
        long off = n - idBase;
        return off >= 0 && off % idStep == 0 ? off / idStep : -1;
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    public Property property(String name) {
      return properties.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
  }

  private final Map<String, ObjectType> objects = new LinkedHashMap<>();

  /** @param customProperties how many custom string properties ({@code tributary_custom_NNN}) every object gets */
  public HubSpotCatalog(int customProperties) {
    add("contacts", "lastmodifieddate", 901, 37, customProperties,
        p("firstname", "string", "text"), p("lastname", "string", "text"), p("email", "string", "text"),
        p("hubspotscore", "number", "number"), p("lifecyclestage", "enumeration", "radio"));
    add("companies", "hs_lastmodifieddate", 5_001, 41, customProperties,
        p("name", "string", "text"), p("domain", "string", "text"), p("annualrevenue", "number", "number"),
        p("industry", "enumeration", "select"));
    add("deals", "hs_lastmodifieddate", 7_003, 43, customProperties,
        p("dealname", "string", "text"), p("amount", "number", "number"), p("dealstage", "enumeration", "radio"),
        p("pipeline", "enumeration", "select"), p("closedate", "datetime", "date"),
        p("hubspot_owner_id", "enumeration", "select"));
    add("tickets", "hs_lastmodifieddate", 3_007, 29, customProperties,
        p("subject", "string", "text"), p("content", "string", "textarea"),
        p("hs_pipeline_stage", "enumeration", "radio"), p("hs_ticket_priority", "enumeration", "select"));
    add("products", "hs_lastmodifieddate", 1_009, 31, customProperties,
        p("name", "string", "text"), p("price", "number", "number"), p("hs_sku", "string", "text"));
    add("line_items", "hs_lastmodifieddate", 2_011, 23, customProperties,
        p("name", "string", "text"), p("quantity", "number", "number"), p("price", "number", "number"),
        p("hs_product_id", "string", "text"));
  }

  private static Property p(String name, String type, String fieldType) {
    return new Property(name, type, fieldType, true);
  }

  private void add(String name, String modified, long idBase, long idStep, int custom, Property... own) {
    List<Property> props = new ArrayList<>(List.of(own));
    props.add(new Property("createdate", "datetime", "date", true));
    props.add(new Property(modified, "datetime", "date", true));
    props.add(new Property("hs_object_id", "number", "number", true));
    for (int i = 1; i <= custom; i++) {
      props.add(new Property(String.format("tributary_custom_%03d", i), "string", "text", false));
    }
    objects.put(name, new ObjectType(name, modified, idBase, idStep, List.copyOf(props)));
  }

  /** The object type for a path segment such as {@code contacts} or {@code 0-1}-style names; null when unknown. */
  public ObjectType object(String name) {
    return objects.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  public List<ObjectType> all() {
    return List.copyOf(objects.values());
  }
}
