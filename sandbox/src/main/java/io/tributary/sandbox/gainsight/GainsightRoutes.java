package io.tributary.sandbox.gainsight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.tributary.sandbox.GeneratedFields.TimeFormat;
import io.tributary.sandbox.GeneratedFields;
import io.tributary.sandbox.PlatformRoutes;
import io.tributary.sandbox.RequestRateLimiter;
import io.tributary.sandbox.SandboxContext;
import io.tributary.sandbox.SandboxHttp;
import io.tributary.sandbox.VendorResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The Gainsight CS simulator (Gainsight NXT REST APIs):
 * <ul>
 *   <li>{@code POST /v1/data/objects/query/{Company|Relationship}}: the Company and Relationship Read APIs, with
 *       {@code select}, {@code where}, {@code orderBy}, {@code limit} (at most 5,000 records a call) and
 *       {@code offset}; records come back in {@code data} with dates as epoch milliseconds (Company API
 *       documentation, Read API; Custom Object API: "Date and DateTime values are shown in epoch format").</li>
 *   <li>{@code POST /v2/cockpit/cta/list}: the Fetch CTA API, with {@code pageSize} (at most 1,000) and
 *       {@code pageNumber} from 1, conditions naming {@code fieldName}, dates as ISO-8601 text (Call To Action (CTA)
 *       API documentation, Fetch CTA API).</li>
 * </ul>
 * Every call carries the {@code accesskey} header and gets the {@code result/errorCode/errorDesc/requestId/data/
 * message} envelope. The documented limits are fixed windows of 100 calls a minute and 50,000 a day. A read that
 * finds nothing is the documented failure "No data found for given criteria" ({@code GSOBJ_1011}, HTTP 400 per the
 * Error Codes article). docs/sources/gainsight.md lists which details are documented and which are assumed.
 */
public final class GainsightRoutes extends PlatformRoutes {

  static final String QUERY = "/v1/data/objects/query/";
  static final String CTA_LIST = "/v2/cockpit/cta/list";
  static final int MAX_LIMIT = 5000;
  static final int MAX_PAGE_SIZE = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> CTA_LOOKUPS =
      List.of("CompanyId__gr.Name", "TypeId__gr.Name", "StatusId__gr.Name", "PriorityId__gr.Name", "IsClosed");

  private final GainsightSandbox.Settings settings;
  private final GainsightRecords records;
  private final RequestRateLimiter perMinute;
  private final RequestRateLimiter perDay;

  GainsightRoutes(SandboxContext context, GainsightSandbox.Settings settings) {
    super(context, "/v1/data/", "/v2/cockpit/");
    this.settings = settings;
    context.define(GainsightRecords.COMPANY, GainsightRecords.RELATIONSHIP, GainsightRecords.CTA);
    this.records = new GainsightRecords(context.dataset());
    this.perMinute = new RequestRateLimiter(settings.requestsPerMinute(), Duration.ofMinutes(1));
    this.perDay = new RequestRateLimiter(settings.requestsPerMinute() > 0 ? 50_000 : 0, Duration.ofDays(1));
  }

  /** The typed values of every record (ground truth for tests). */
  public GainsightRecords records() {
    return records;
  }

  /** Calls refused by the per-minute or per-day limit so far (injected 429 faults not counted). */
  public long limitRejections() {
    return perMinute.rejections() + perDay.rejections();
  }

  @Override
  protected VendorResponse answer(HttpExchange ex, String body, boolean corrupt) {
    String key = ex.getRequestHeaders().getFirst("accesskey");
    if (!settings.accessKey().equals(key)) {
      return envelope(401, false, "GS_APIG_2401", "Unauthorized", null, "Unauthorized");
    }
    long now = context.clock().millis();
    if (!perMinute.tryAcquire(now) || !perDay.tryAcquire(now)) {
      return fault(429).withHeader("Retry-After", Long.toString(perMinute.secondsUntilNextWindow(now)));
    }
    VendorResponse r;
    try {
      r = route(ex.getRequestMethod(), ex.getRequestURI().getPath(), body, corrupt);
    } catch (GainsightQuery.Rejected e) {
      // The Fetch CTA API's documented failure carries an empty data object; the Read API's carries null.
      boolean cta = ex.getRequestURI().getPath().equals(CTA_LIST);
      r = envelope(e.status, false, e.code, e.getMessage(), cta ? JSON.createObjectNode() : null, null);
    }
    return r;
  }

  private VendorResponse route(String method, String path, String body, boolean corrupt) {
    boolean query = path.startsWith(QUERY) && path.length() > QUERY.length();
    if (!query && !path.equals(CTA_LIST)) {
      return envelope(404, false, "GSOBJ_1023", "Invalid API path: " + path, null, null);
    }
    if (!method.equals("POST")) {
      return envelope(405, false, "GSOBJ_1XXX", "Method " + method + " is not allowed; use POST", null, null);
    }
    JsonNode request;
    try {
      request = JSON.readTree(body.isBlank() ? "{}" : body);
    } catch (IOException e) {
      return envelope(400, false, "GSOBJ_1XXX", "Invalid request body: not JSON", null, null);
    }
    if (query) {
      String object = GainsightRecords.QUERY_OBJECTS.get(path.substring(QUERY.length()).toLowerCase(Locale.ROOT));
      if (object == null) {
        return envelope(400, false, "GSOBJ_1XXX", "Object not found: " + path.substring(QUERY.length()), null, null);
      }
      return read(object, request, corrupt);
    }
    return ctas(request, corrupt);
  }

  /** The Company/Relationship Read API: records hold the selected fields, keyed as selected. */
  private VendorResponse read(String object, JsonNode request, boolean corrupt) {
    GainsightQuery q = new GainsightQuery(object, List.of());
    JsonNode select = request.path("select");
    if (!select.isArray() || select.isEmpty()) {
      return envelope(400, false, "GSOBJ_1XXX", "select is required: name the fields to read", null, null);
    }
    List<String[]> columns = new ArrayList<>();
    for (JsonNode s : select) {
      columns.add(new String[] {s.asText(), q.field(s.asText(), "GSOBJ_1XXX", "Invalid field in select: ")});
    }
    int limit = Math.min(MAX_LIMIT, Math.max(1, request.path("limit").asInt(100)));
    int offset = Math.max(0, request.path("offset").asInt(0));
    List<Map<String, Object>> rows =
        records.matching(object, q.where(request.get("where"), "name"), q.orderBy(request.get("orderBy")));
    List<Map<String, Object>> page = rows.subList(Math.min(offset, rows.size()), Math.min(offset + limit, rows.size()));
    if (page.isEmpty() && settings.emptyIsFailure()) {
      return envelope(400, false, "GSOBJ_1011", "No data found for given criteria", null, null);
    }
    ArrayNode data = JSON.createArrayNode();
    for (Map<String, Object> row : page) {
      ObjectNode out = data.addObject();
      for (String[] c : columns) {
        GeneratedFields.put(out, c[0], row.get(c[1]), TimeFormat.EPOCH_MILLIS);
      }
    }
    return envelope(200, true, null, null, SandboxHttp.corruptMiddle(data, corrupt, "ModifiedDate"), null);
  }

  /** The Fetch CTA API: every standard CTA field, with ISO-8601 dates, whatever the select names. */
  private VendorResponse ctas(JsonNode request, boolean corrupt) {
    GainsightQuery q = new GainsightQuery(GainsightRecords.CTA, CTA_LOOKUPS);
    for (JsonNode s : request.path("select")) {
      q.field(s.asText(), "COCKPIT_5101", "Invalid fields in select clause - ");
    }
    int size = request.path("pageSize").asInt(MAX_PAGE_SIZE);
    int number = request.path("pageNumber").asInt(1);
    if (size < 1 || size > MAX_PAGE_SIZE || number < 1) {
      return envelope(400, false, "COCKPIT_5101", "pageSize must be 1 to " + MAX_PAGE_SIZE
          + " and pageNumber at least 1", null, null);
    }
    List<Map<String, Object>> rows = records.matching(GainsightRecords.CTA, q.where(request.get("where"),
        "fieldName"), GeneratedFields.orderBy("Gsid", false));
    long from = Math.min((long) (number - 1) * size, rows.size());
    ArrayNode data = JSON.createArrayNode();
    for (Map<String, Object> row : rows.subList((int) from, (int) Math.min(from + size, rows.size()))) {
      ObjectNode out = data.addObject();
      row.forEach((k, v) -> GeneratedFields.put(out, k, v, TimeFormat.ISO));
      out.putArray("associatedRecords").addObject().put("recordId", (String) row.get("CompanyId"))
          .put("objectName", "Company").put("source", "MDA");
    }
    return envelope(200, true, null, null, SandboxHttp.corruptFirst(data, corrupt, "ModifiedDate"), null);
  }

  @Override
  public VendorResponse faultResponse(int status) {
    return fault(status);
  }

  private static VendorResponse fault(int status) {
    return status == 429
        ? envelope(429, false, "GS_APIG_2429", "Too Many Requests: the limit is 100 calls per minute", null, null)
        : envelope(status, false, "GS_APIG_" + (2000 + status), "Internal Server Error", null, null);
  }

  static VendorResponse envelope(int status, boolean result, String code, String desc, JsonNode data, String msg) {
    ObjectNode root = JSON.createObjectNode();
    root.put("result", result);
    root.put("errorCode", code);
    root.put("errorDesc", desc);
    root.put("requestId", UUID.randomUUID().toString());
    if (data != null) {
      root.set("data", data);
    } else if (!"Unauthorized".equals(msg)) {
      root.putNull("data");
    }
    root.put("message", msg);
    return VendorResponse.json(status, root.toString());
  }
}
