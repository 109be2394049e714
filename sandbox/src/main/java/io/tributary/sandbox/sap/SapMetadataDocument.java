package io.tributary.sandbox.sap;

/**
 * The {@code $metadata} EDMX of a simulated v2 service (CSDL 2.0 in {@code edmx:DataServices}, with SAP's
 * {@code sap:} annotation namespace as Gateway emits it).
 */
final class SapMetadataDocument {

  private SapMetadataDocument() {}

  static String of(String service) {
    StringBuilder x = new StringBuilder();
    x.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        .append("<edmx:Edmx Version=\"1.0\" xmlns:edmx=\"http://schemas.microsoft.com/ado/2007/06/edmx\"")
        .append(" xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\"")
        .append(" xmlns:sap=\"http://www.sap.com/Protocols/SAPData\">\n")
        .append(" <edmx:DataServices m:DataServiceVersion=\"2.0\">\n")
        .append("  <Schema Namespace=\"").append(service)
        .append("\" xml:lang=\"en\" xmlns=\"http://schemas.microsoft.com/ado/2008/09/edm\">\n");
    for (SapEntity e : SapEntities.ALL) {
      if (!e.service().equals(service)) {
        continue;
      }
      x.append("   <EntityType Name=\"").append(e.type()).append("\">\n    <Key>");
      e.keys().forEach(k -> x.append("<PropertyRef Name=\"").append(k).append("\"/>"));
      x.append("</Key>\n");
      for (SapEntity.Prop p : e.properties()) {
        x.append("    <Property Name=\"").append(p.name()).append("\" Type=\"").append(p.edm()).append('"');
        if (!p.facets().isEmpty()) {
          x.append(' ').append(p.facets());
        }
        x.append("/>\n");
      }
      x.append("   </EntityType>\n");
    }
    x.append("   <EntityContainer Name=\"").append(service)
        .append("_Entities\" m:IsDefaultEntityContainer=\"true\">\n");
    for (SapEntity e : SapEntities.ALL) {
      if (e.service().equals(service)) {
        x.append("    <EntitySet Name=\"").append(e.set()).append("\" EntityType=\"").append(service).append('.')
            .append(e.type()).append("\"/>\n");
      }
    }
    x.append("   </EntityContainer>\n  </Schema>\n </edmx:DataServices>\n</edmx:Edmx>\n");
    return x.toString();
  }
}
