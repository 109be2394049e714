package io.tributary.source.ga4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.QuotaLedger;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One runReport answer (Data API v1beta {@code RunReportResponse}): {@code dimensionHeaders}, {@code metricHeaders}
 * (name, type), {@code rows[].dimensionValues[].value} and {@code metricValues[].value} (strings), {@code rowCount}
 * (rows of the whole report, all pages) and {@code propertyQuota} when asked.
 *
 * @param rows the page's rows, column name to raw value
 * @param metricTypes metric name to its {@code MetricType} ({@code TYPE_INTEGER}, {@code TYPE_FLOAT}, ...)
 * @param rowCount total rows of the report
 * @param tokensLeft the lower of tokensPerHour and tokensPerDay {@code remaining}, or -1 when absent
 */
record Ga4Response(List<Map<String, String>> rows, Map<String, String> metricTypes, long rowCount, long tokensLeft) {

  static Ga4Response parse(ObjectMapper json, InputStream body) throws IOException {
    JsonNode root = json.readTree(body);
    List<String> dims = names(root.path("dimensionHeaders"));
    List<String> metrics = names(root.path("metricHeaders"));
    Map<String, String> types = new LinkedHashMap<>();
    root.path("metricHeaders").forEach(h -> types.put(h.path("name").asText(), h.path("type").asText()));
    List<Map<String, String>> rows = new ArrayList<>();
    for (JsonNode r : root.path("rows")) {
      Map<String, String> row = new LinkedHashMap<>();
      put(row, dims, r.path("dimensionValues"));
      put(row, metrics, r.path("metricValues"));
      rows.add(row);
    }
    JsonNode q = root.path("propertyQuota");
    long left = -1;
    for (String kind : List.of("tokensPerHour", "tokensPerDay")) {
      JsonNode rem = q.path(kind).path("remaining");
      if (rem.isNumber() || rem.isTextual()) {
        long v = rem.asLong();
        left = left < 0 ? v : Math.min(left, v);
      }
    }
    reportDailyTokens(q.path("tokensPerDay").path("remaining"));
    // rowCount is omitted (proto3 default) when the report has no rows
    return new Ga4Response(rows, types, root.path("rowCount").asLong(0), left);
  }

  /**
   * The property's daily tokens, for the quota meter and alert. GA4 tells only what remains; the allowance is the
   * documented one (PropertyQuota.tokensPerDay: 200,000 for a standard property, 2,000,000 for Analytics 360), and
   * more remaining than the standard allowance means a 360 property.
   */
  private static void reportDailyTokens(JsonNode remaining) {
    if (remaining.isNumber() || remaining.isTextual()) {
      long left = remaining.asLong();
      long limit = left > 200_000 ? 2_000_000 : 200_000;
      QuotaLedger.report("ga4", "property tokens per day", limit - left, limit);
    }
  }

  private static List<String> names(JsonNode headers) {
    List<String> out = new ArrayList<>();
    headers.forEach(h -> out.add(h.path("name").asText()));
    return out;
  }

  private static void put(Map<String, String> row, List<String> names, JsonNode values) {
    for (int i = 0; i < names.size() && i < values.size(); i++) {
      JsonNode v = values.get(i).path("value");
      row.put(names.get(i), v.isMissingNode() || v.isNull() ? null : v.asText());
    }
  }
}
