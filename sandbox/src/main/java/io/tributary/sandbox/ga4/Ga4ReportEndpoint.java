package io.tributary.sandbox.ga4;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.sandbox.VendorResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code POST /v1beta/properties/{id}:runReport} over the simulated property ("Method: properties.runReport",
 * developers.google.com/analytics/devguides/reporting/data/v1/rest/v1beta/properties/runReport): one date range,
 * dimensions and metrics of {@link Ga4Property}, a {@code dimensionFilter} with a string (EXACT) or in-list filter,
 * {@code offset}/{@code limit} (at most 250,000 rows per response) and {@code rowCount}, the total over all pages.
 * Rows follow the request's {@code orderBys} (dimensions alphanumeric, metrics numeric, {@code desc}); without them,
 * descending by the first metric, the API's default.
 */
record Ga4ReportEndpoint(Ga4Property property, Ga4Quota quota) {

  static final int MAX_LIMIT = 250_000;
  private static final String SCHEMA_DOC =
      " For a list of valid dimensions and metrics, see https://developers.google.com/analytics/devguides/reporting"
          + "/data/v1/api-schema";

  VendorResponse run(String body, LocalDate today, boolean corrupt) {
    JsonNode req;
    try {
      req = Ga4Json.MAPPER.readTree(body);
    } catch (IOException e) {
      return Ga4Json.error(400, "INVALID_ARGUMENT", "Invalid JSON payload received. " + e.getMessage());
    }
    List<String> dims = names(req.path("dimensions"));
    List<String> metrics = names(req.path("metrics"));
    for (String d : dims) {
      if (!Ga4Property.DIMENSIONS.contains(d)) {
        return Ga4Json.error(400, "INVALID_ARGUMENT", "Field " + d + " is not a valid dimension." + SCHEMA_DOC);
      }
    }
    for (String m : metrics) {
      if (!Ga4Property.METRICS.containsKey(m)) {
        return Ga4Json.error(400, "INVALID_ARGUMENT", "Field " + m + " is not a valid metric." + SCHEMA_DOC);
      }
    }
    if (metrics.isEmpty()) {
      return Ga4Json.error(400, "INVALID_ARGUMENT", "Requests must have at least one metric.");
    }
    JsonNode range = req.path("dateRanges").path(0);
    LocalDate from;
    LocalDate to;
    try {
      from = date(range.path("startDate").asText(), today);
      to = date(range.path("endDate").asText(), today);
    } catch (DateTimeParseException e) {
      return Ga4Json.error(400, "INVALID_ARGUMENT", "Invalid date range: " + range);
    }
    List<Ga4Property.Order> order = new ArrayList<>();
    for (JsonNode o : req.path("orderBys")) {
      boolean metric = o.has("metric");
      String field = metric ? o.path("metric").path("metricName").asText() : o.path("dimension").path("dimensionName")
          .asText();
      if (!(metric ? metrics : dims).contains(field)) {
        return Ga4Json.error(400, "INVALID_ARGUMENT", "Field " + field + " in orderBys must be a "
            + (metric ? "metric" : "dimension") + " of the request.");
      }
      order.add(new Ga4Property.Order(field, metric, o.path("desc").asBoolean(false)));
    }
    String exhausted = quota.charge();
    if (exhausted != null) {
      return Ga4Json.error(429, "RESOURCE_EXHAUSTED", "Exhausted property tokens per " + exhausted
          + " for a project per property. The quota resets at the start of the next " + exhausted + ".");
    }
    List<List<String>> rows = Ga4Property.report(property.facts(today, from, to), dims, metrics,
        filter(req.path("dimensionFilter")), order);
    long offset = req.path("offset").asLong(0);
    long limit = Math.min(MAX_LIMIT, req.path("limit").asLong(10_000) <= 0 ? 10_000 : req.path("limit").asLong());
    return Ga4Json.ok(response(dims, metrics, rows, offset, limit, req.path("returnPropertyQuota").asBoolean(false),
        corrupt));
  }

  private Map<String, Object> response(List<String> dims, List<String> metrics, List<List<String>> rows, long offset,
      long limit, boolean withQuota, boolean corrupt) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dimensionHeaders", dims.stream().map(d -> Map.of("name", d)).toList());
    out.put("metricHeaders", metrics.stream().map(m -> Map.of("name", m, "type", Ga4Property.METRICS.get(m)))
        .toList());
    List<Object> page = new ArrayList<>();
    for (long i = offset; i < rows.size() && i < offset + limit; i++) {
      List<String> row = rows.get((int) i);
      List<Object> dv = row.subList(0, dims.size()).stream().map(v -> (Object) Map.of("value", v)).toList();
      List<Object> mv = new ArrayList<>(row.subList(dims.size(), row.size()).stream()
          .map(v -> (Object) Map.of("value", v)).toList());
      if (corrupt && page.isEmpty()) {
        mv.set(0, Map.of("value", "12,5x"));
      }
      page.add(Map.of("dimensionValues", dv, "metricValues", mv));
    }
    // proto3 JSON leaves out empty repeated fields and zero numbers: an empty report has neither rows nor rowCount
    if (!page.isEmpty()) {
      out.put("rows", page);
    }
    if (!rows.isEmpty()) {
      out.put("rowCount", rows.size());
    }
    out.put("metadata", Map.of("currencyCode", "USD", "timeZone", "Etc/UTC"));
    if (withQuota) {
      out.put("propertyQuota", quota.status());
    }
    out.put("kind", "analyticsData#runReport");
    return out;
  }

  /** {@code YYYY-MM-DD}, {@code today}, {@code yesterday} or {@code NdaysAgo} (DateRange docs). */
  static LocalDate date(String text, LocalDate today) {
    if (text.equals("today")) {
      return today;
    }
    if (text.equals("yesterday")) {
      return today.minusDays(1);
    }
    if (text.matches("\\d+daysAgo")) {
      return today.minusDays(Long.parseLong(text.substring(0, text.length() - 7)));
    }
    return LocalDate.parse(text);
  }

  private static Predicate<Ga4Property.Fact> filter(JsonNode expr) {
    JsonNode f = expr.path("filter");
    if (f.isMissingNode()) {
      return fact -> true;
    }
    String field = f.path("fieldName").asText();
    if (f.has("inListFilter")) {
      List<String> values = new ArrayList<>();
      f.path("inListFilter").path("values").forEach(v -> values.add(v.asText()));
      return fact -> values.contains(fact.dimension(field));
    }
    String value = f.path("stringFilter").path("value").asText();
    return fact -> fact.dimension(field).equals(value);
  }

  private static List<String> names(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.path("name").asText()));
    return out;
  }
}
