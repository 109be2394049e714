package io.tributary.source.ga4;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.StreamOptions;
import io.tributary.core.TributaryException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A GA4 stream: one report declared in the job. Its rows are keyed by the dimension tuple.
 *
 * @param dimensions API names of the dimensions ({@code date}, {@code country}, ...), at most 9
 * @param metrics API names of the metrics ({@code activeUsers}, {@code sessions}, ...), 1 to 10
 * @param startDate the first date of the first run: {@code YYYY-MM-DD} or {@code NdaysAgo}, default {@code 30daysAgo}
 * @param endDate the last date, default {@code today} (the property's time zone, as the API resolves it)
 * @param dimensionFilter a Data API {@code FilterExpression}, passed as written, or null
 * @param rereadDays days before the last date read that the next run reads again, default 3: GA4 keeps processing
 *     events for days after they happen ("[GA4] Data freshness", support.google.com/analytics/answer/11198161)
 */
record Ga4Report(List<String> dimensions, List<String> metrics, String startDate, String endDate,
    Map<String, Object> dimensionFilter, int rereadDays) {

  static final String DATE = "date";
  private static final Set<String> KEYS = Set.of("dimensions", "metrics", "start_date", "end_date",
      "dimension_filter", "reread_days");
  private static final String DATES = "\\d{4}-\\d{2}-\\d{2}|\\d+daysAgo|today|yesterday";

  @SuppressWarnings("unchecked")
  static Ga4Report parse(String stream, Map<String, Object> options) {
    Map<String, Object> o = StreamOptions.known(stream, options, KEYS, "GA4 streams accept " + KEYS);
    List<String> dims = StreamOptions.list(stream, o, "dimensions", "write dimensions: [date, country]");
    List<String> metrics = StreamOptions.list(stream, o, "metrics", "write metrics: [activeUsers, sessions]");
    if (metrics.isEmpty() || metrics.size() > 10 || dims.size() > 9) {
      throw TributaryException.config("GA4 stream " + stream + " needs 1 to 10 metrics and at most 9 dimensions"
          + " (runReport's limits)", "write options: { dimensions: [date, country], metrics: [activeUsers] }");
    }
    String start = text(stream, o, "start_date", "30daysAgo");
    String end = text(stream, o, "end_date", "today");
    Object filter = o.get("dimension_filter");
    if (filter != null && !(filter instanceof Map)) {
      throw TributaryException.config("GA4 stream " + stream + ": dimension_filter must be a FilterExpression map",
          "write dimension_filter: { filter: { fieldName: country, stringFilter: { value: France } } }");
    }
    int reread = o.get("reread_days") == null ? 3 : Integer.parseInt(String.valueOf(o.get("reread_days")));
    if (reread < 0) {
      throw TributaryException.config("GA4 stream " + stream + ": reread_days must be 0 or more",
          "write reread_days: 3");
    }
    return new Ga4Report(dims, metrics, start, end, (Map<String, Object>) filter, reread);
  }

  private static String text(String stream, Map<String, Object> o, String key, String fallback) {
    String v = o.get(key) == null ? fallback : String.valueOf(o.get(key));
    if (!v.matches(DATES)) {
      throw TributaryException.config("GA4 stream " + stream + ": " + key + " '" + v + "' is not a date",
          "write YYYY-MM-DD, NdaysAgo, yesterday or today");
    }
    return v;
  }

  boolean incremental() {
    return dimensions.contains(DATE);
  }

  /**
   * A date of the job as an absolute {@code YYYY-MM-DD}, fixed when a read starts so that every page of the read asks
   * for the same rows, even when the property's midnight passes between two pages (GA4 resolves {@code today} and
   * {@code NdaysAgo} per call, in the property's time zone, which the client does not know). {@code today} is taken in
   * {@code zone}: the reader passes the zone whose calendar is latest for an end date and earliest for a start date,
   * so the fixed range holds the property's range as GA4 would resolve it, and at most a day more, never less.
   */
  static String absolute(String date, Instant now, ZoneOffset zone) {
    LocalDate today = LocalDate.ofInstant(now, zone);
    if (date.equals("today")) {
      return today.toString();
    }
    if (date.equals("yesterday")) {
      return today.minusDays(1).toString();
    }
    if (date.endsWith("daysAgo")) {
      return today.minusDays(Long.parseLong(date.substring(0, date.length() - "daysAgo".length()))).toString();
    }
    return date;
  }

  /**
   * The runReport body for rows {@code [offset, offset + limit)} of {@code start..end}, ordered so that offsets stay
   * stable between calls (the API's default order is by the first metric, which changes as data arrives): by
   * {@code date} first when it is a dimension, so rows of a day GA4 adds or is still filling come after every
   * earlier day's, then by the other dimensions as declared.
   */
  String body(ObjectMapper json, String start, String end, long offset, int limit) {
    ObjectNode b = json.createObjectNode();
    b.putArray("dateRanges").addObject().put("startDate", start).put("endDate", end);
    ArrayNode d = b.putArray("dimensions");
    dimensions.forEach(n -> d.addObject().put("name", n));
    ArrayNode m = b.putArray("metrics");
    metrics.forEach(n -> m.addObject().put("name", n));
    if (dimensionFilter != null) {
      b.set("dimensionFilter", json.valueToTree(dimensionFilter));
    }
    ArrayNode order = b.putArray("orderBys");
    dimensions.stream().sorted(Comparator.comparing(n -> !n.equals(DATE)))
        .forEach(n -> order.addObject().putObject("dimension").put("dimensionName", n));
    // int64 fields travel as JSON strings in Google's REST mapping of proto3
    b.put("offset", String.valueOf(offset)).put("limit", String.valueOf(limit));
    b.put("keepEmptyRows", false).put("returnPropertyQuota", true);
    return b.toString();
  }
}
