package io.tributary.sandbox.salesforce;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds {@code /sobjects/X/describe} bodies in the shape of the recorded Account describe. */
final class SalesforceDescribeEndpoint {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SalesforceDescribeEndpoint() {}

  static String describe(SalesforceObject o, String version, String baseUrl) {
    ObjectNode n = JSON.createObjectNode();
    n.putArray("actionOverrides");
    n.put("activateable", false);
    n.putArray("childRelationships");
    n.put("createable", true);
    n.put("custom", false);
    n.put("customSetting", false);
    n.put("deletable", !o.name().equals("User"));
    n.put("deprecatedAndHidden", false);
    n.put("feedEnabled", true);
    ArrayNode fields = n.putArray("fields");
    for (SalesforceField f : o.fields()) {
      fields.add(field(o, f));
    }
    n.put("keyPrefix", o.keyPrefix());
    n.put("label", o.label());
    n.put("labelPlural", o.labelPlural());
    n.put("layoutable", true);
    n.put("name", o.name());
    n.put("queryable", true);
    ObjectNode rt = n.putArray("recordTypeInfos").addObject();
    rt.put("active", true).put("available", true).put("defaultRecordTypeMapping", true).put("master", true)
        .put("name", "Master").put("recordTypeId", "012000000000000AAA");
    n.put("replicateable", true);
    n.put("retrieveable", true);
    n.put("searchable", true);
    n.put("triggerable", true);
    n.put("undeletable", !o.name().equals("User"));
    n.put("updateable", true);
    String base = "/services/data/v" + version + "/sobjects/" + o.name();
    ObjectNode urls = n.putObject("urls");
    urls.put("rowTemplate", base + "/{ID}").put("describe", base + "/describe").put("sobject", base)
        .put("uiDetailTemplate", baseUrl + "/{ID}").put("uiNewRecord", baseUrl + "/" + o.keyPrefix() + "/e");
    return n.toPrettyString();
  }

  private static ObjectNode field(SalesforceObject o, SalesforceField f) {
    boolean system = f.name().equals("Id") || f.name().equals("IsDeleted") || f.name().endsWith("Date")
        && !f.name().equals("CloseDate") && !f.name().equals("Birthdate") || f.name().equals("SystemModstamp");
    ObjectNode n = JSON.createObjectNode();
    n.put("aggregatable", !f.type().equals("address"));
    n.put("autoNumber", false);
    n.put("byteLength", f.length() * 3 > 0 && !f.type().equals("id") && !f.type().equals("reference")
        ? f.length() * 3 : f.length());
    n.put("calculated", f.name().equals("Name") && o.name().equals("Contact"));
    n.putNull("calculatedFormula");
    n.put("caseSensitive", false);
    if (f.name().startsWith("Billing") && !f.compound()) {
      n.put("compoundFieldName", "BillingAddress");
    } else {
      n.putNull("compoundFieldName");
    }
    n.put("createable", !system);
    n.put("custom", false);
    n.putNull("defaultValue");
    n.put("defaultedOnCreate", system || f.name().equals("OwnerId"));
    n.put("dependentPicklist", false);
    n.put("deprecatedAndHidden", false);
    n.put("digits", f.type().equals("int") ? 9 : 0);
    n.put("externalId", false);
    n.put("filterable", !f.type().equals("address"));
    n.put("groupable", !f.type().equals("address") && !f.type().equals("currency")
        && !f.type().equals("percent") && !f.type().equals("datetime"));
    n.put("idLookup", f.name().equals("Id") || f.name().equals("Email") || f.name().equals("Username"));
    n.putNull("inlineHelpText");
    n.put("label", f.label());
    n.put("length", f.length());
    n.put("name", f.name());
    n.put("nameField", f.name().equals("Name"));
    n.put("nillable", f.nillable());
    ArrayNode pick = n.putArray("picklistValues");
    for (String v : f.picklist()) {
      pick.addObject().put("active", true).put("defaultValue", false).put("label", v).putNull("validFor")
          .put("value", v);
    }
    n.put("precision", f.precision());
    ArrayNode ref = n.putArray("referenceTo");
    if (f.referenceTo() != null) {
      ref.add(f.referenceTo());
    }
    if (f.relationshipName() != null) {
      n.put("relationshipName", f.relationshipName());
    } else {
      n.putNull("relationshipName");
    }
    n.putNull("relationshipOrder");
    n.put("restrictedPicklist", false);
    n.put("scale", f.scale());
    n.put("soapType", f.soapType());
    n.put("sortable", !f.type().equals("address") && !f.type().equals("textarea"));
    n.put("type", f.type());
    n.put("unique", f.name().equals("Username"));
    n.put("updateable", !system);
    return n;
  }
}
