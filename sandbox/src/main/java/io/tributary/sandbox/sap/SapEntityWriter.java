package io.tributary.sandbox.sap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Writes one entity in the OData v2 JSON verbose format as SAP Gateway does: a {@code __metadata} object with
 * {@code id}, {@code uri}, {@code type} and, for entities with a change stamp, a weak {@code etag}
 * (joadan/Linq2OData SampleData.cs, a recorded API_SALES_ORDER_SRV response), then the properties: Edm.DateTime as
 * {@code /Date(ms)/}, Edm.DateTimeOffset as {@code /Date(ms+0000)/}, Edm.Decimal as a string.
 */
final class SapEntityWriter {

  private SapEntityWriter() {}

  static void write(ObjectNode out, SapEntity e, Map<String, Object> values, String serviceUrl, boolean corrupt) {
    String uri = serviceUrl + "/" + e.set() + "(" + key(e, values) + ")";
    ObjectNode meta = out.putObject("__metadata");
    meta.put("id", uri).put("uri", uri).put("type", e.service() + "." + e.type());
    if (values.get("LastChangeDateTime") instanceof Instant at) {
      meta.put("etag", "W/\"datetimeoffset'" + at.toString().replace(":", "%3A") + "'\"");
    }
    for (SapEntity.Prop p : e.properties()) {
      Object v = values.get(p.name());
      if (corrupt && p.name().equals(e.corruptField())) {
        out.put(p.name(), p.edm().equals("Edm.Decimal") ? "1O5.00" : "/Date(17O4067200000)/");
      } else if (v == null) {
        out.putNull(p.name());
      } else if (v instanceof Instant at) {
        out.put(p.name(), "/Date(" + at.toEpochMilli() + (p.edm().equals("Edm.DateTimeOffset") ? "+0000" : "") + ")/");
      } else if (v instanceof BigDecimal d) {
        out.put(p.name(), d.toPlainString());
      } else if (v instanceof Boolean b) {
        out.put(p.name(), b);
      } else {
        out.put(p.name(), v.toString());
      }
    }
  }

  private static String key(SapEntity e, Map<String, Object> values) {
    if (e.keys().size() == 1) {
      return "'" + values.get(e.keys().get(0)) + "'";
    }
    StringJoiner j = new StringJoiner(",");
    e.keys().forEach(k -> j.add(k + "='" + values.get(k) + "'"));
    return j.toString();
  }
}
