package io.tributary.source.sap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.JsonValues;
import io.tributary.core.TributaryException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads OData JSON collection pages of either version. v2 (OData V2 JSON verbose format, section 2.2.6.3 of
 * [MS-ODATA]; SAP Gateway): {@code {"d":{"__count":"4","results":[...],"__next":"..."}}}, or {@code {"d":{...}}} for
 * a single entity. v4 (OData JSON Format 4.01, sections 4.5.5 and 12): {@code {"@odata.count":4,"value":[...],
 * "@odata.nextLink":"..."}}. Numbers are kept exact (BigDecimal), values are left as the wire sent them; typing is
 * {@link SapValues}' job. Thread-safe.
 */
final class SapPageParser {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  private final SapODataVersion version;

  SapPageParser(SapODataVersion version) {
    this.version = version;
  }

  SapPage parse(InputStream in) throws IOException {
    JsonNode root = JSON.readTree(in);
    if (root == null || !root.isObject()) {
      throw TributaryException.transientFailure("SAP OData response is not a JSON object", null);
    }
    return version == SapODataVersion.V2 ? v2(root) : v4(root);
  }

  private SapPage v2(JsonNode root) {
    JsonNode d = root.get("d");
    if (d == null) {
      throw TributaryException.transientFailure("SAP OData v2 response has no 'd' member", null);
    }
    if (d.isArray()) {
      return new SapPage(rows(d), null, -1);
    }
    if (!d.has("results")) {
      return new SapPage(List.of(row(d)), null, -1);
    }
    String next = d.path("__next").isTextual() ? d.get("__next").asText() : null;
    return new SapPage(rows(d.get("results")), next, count(d.get("__count")));
  }

  private SapPage v4(JsonNode root) {
    JsonNode value = root.get("value");
    if (value == null || !value.isArray()) {
      throw TributaryException.transientFailure("SAP OData v4 response has no 'value' array", null);
    }
    String next = root.path("@odata.nextLink").isTextual() ? root.get("@odata.nextLink").asText() : null;
    return new SapPage(rows(value), next, count(root.get("@odata.count")));
  }

  // SAP Gateway sends __count as a JSON string ("4"); other v2 servers (pyodata's tests) send a number.
  private static long count(JsonNode n) {
    if (n == null || n.isNull()) {
      return -1;
    }
    try {
      return n.isNumber() ? n.asLong() : Long.parseLong(n.asText().trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static List<Map<String, Object>> rows(JsonNode array) {
    List<Map<String, Object>> out = new ArrayList<>(array.size());
    for (JsonNode n : array) {
      out.add(row(n));
    }
    return out;
  }

  static Map<String, Object> row(JsonNode entity) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = entity.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode v = e.getValue();
      if (name.equals("__metadata") || name.startsWith("@") || name.contains("@odata.")
          || (v.isObject() && v.has("__deferred"))) {
        continue;
      }
      out.put(name, JsonValues.of(v));
    }
    return out;
  }
}
