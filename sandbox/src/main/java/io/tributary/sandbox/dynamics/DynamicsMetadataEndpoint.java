package io.tributary.sandbox.dynamics;

import io.tributary.sandbox.VendorResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code EntityDefinitions(LogicalName='x')} and its {@code /Attributes}, shaped as in "Query table definitions using
 * the Web API" (learn.microsoft.com, query-metadata-web-api): {@code MetadataId} is always returned, attributes carry
 * their {@code @odata.type} and {@code AttributeType}.
 */
final class DynamicsMetadataEndpoint {

  private DynamicsMetadataEndpoint() {}

  static VendorResponse definition(String apiBase, String logicalName, boolean attributes) {
    DynamicsCatalog.Table t = DynamicsCatalog.byLogicalName(logicalName);
    if (t == null) {
      // Simulator wording; Dataverse's exact message for an unknown table is unverified.
      return DynamicsJson.error(404, "0x80040217", "Could not find an entity with the name '" + logicalName + "'.");
    }
    if (!attributes) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("@odata.context", apiBase + "/$metadata#EntityDefinitions(LogicalName,EntitySetName,PrimaryIdAttribute,"
          + "ChangeTrackingEnabled)/$entity");
      e.put("LogicalName", t.logicalName());
      e.put("EntitySetName", t.entitySet());
      e.put("PrimaryIdAttribute", t.primaryId());
      e.put("ChangeTrackingEnabled", true);
      e.put("MetadataId", uuid(t.logicalName()));
      return DynamicsJson.ok(e);
    }
    List<Object> value = new ArrayList<>();
    for (DynamicsCatalog.Attribute a : t.attributes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("@odata.type", a.metadataType());
      m.put("LogicalName", a.logicalName());
      m.put("AttributeType", a.type());
      m.put("IsValidForRead", true);
      m.put("AttributeOf", null);
      m.put("MetadataId", uuid(t.logicalName() + "." + a.logicalName()));
      value.add(m);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", apiBase + "/$metadata#EntityDefinitions('" + uuid(t.logicalName())
        + "')/Attributes(LogicalName,AttributeType,IsValidForRead,AttributeOf)");
    body.put("value", value);
    return DynamicsJson.ok(body);
  }

  private static String uuid(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
  }
}
