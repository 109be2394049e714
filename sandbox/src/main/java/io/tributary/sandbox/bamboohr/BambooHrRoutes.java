package io.tributary.sandbox.bamboohr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.tributary.sandbox.PlatformRoutes;
import io.tributary.sandbox.RowKey;
import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxContext;
import io.tributary.sandbox.SandboxHttp;
import io.tributary.sandbox.VendorResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The BambooHR simulator under {@code /api/gateway.php/{companyDomain}/v1/}: the API key as the Basic user name (any
 * password), JSON with {@code Accept: application/json}, and the four reads an extract needs:
 * <ul>
 *   <li>GET {@code employees/changed?since=} ("Get Changed Employee IDs"): {@code latest} and {@code employees} as an
 *       object keyed by id, each {@code id, action (Inserted|Updated|Deleted), lastChanged}; optional {@code type};
 *       400 when {@code since} is missing or not ISO 8601 (an unencoded '+' decodes to a space and fails)</li>
 *   <li>GET {@code employees/directory}: {@code fields} and {@code employees} (active employees)</li>
 *   <li>POST {@code reports/custom?format=JSON} ("Request a custom report"): body {@code title, filters.lastChanged
 *       {includeNull, value}, fields}; answers {@code title, fields, employees}; 406 for an unknown field</li>
 *   <li>GET {@code time_off/requests?start=&end=} ("Get Time Off Requests"): an array of the requests overlapping
 *       the window; optional {@code id, employeeId, status, type}</li>
 * </ul>
 * None of them pages: each answers the whole result, as BambooHR does.
 */
public final class BambooHrRoutes extends PlatformRoutes {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PATH = Pattern.compile("/api/gateway\\.php/([^/]+)/v1/(.+?)/?");
  // "since" forms from the docs: yyyy-mm-ddThh:mm:ss followed by +hh:mm | -hh:mm | +hhmm | -hhmm | Z.
  private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[XXX][XX]");
  private static final String ZERO_DATE = "0000-00-00";
  private static final List<String> CHANGE_TYPES = List.of("inserted", "updated", "deleted");

  private final BambooHrSandboxSettings settings;
  private final BambooHrRecords records;
  private final AtomicLong calls = new AtomicLong();

  BambooHrRoutes(SandboxContext context, BambooHrSandboxSettings settings) {
    super(context, "/api/gateway.php/");
    this.settings = settings;
    context.define(BambooHrRecords.EMPLOYEES, BambooHrRecords.TIME_OFF);
    this.records = new BambooHrRecords(context.dataset());
  }

  /** Field values of the dataset's rows: the ground truth of every endpoint. */
  public BambooHrRecords records() {
    return records;
  }

  /** Data calls answered with 200 so far. */
  public long calls() {
    return calls.get();
  }

  public BambooHrSandboxSettings settings() {
    return settings;
  }

  @Override
  public void handle(HttpExchange ex, boolean corrupt) throws IOException {
    String body = SandboxHttp.body(ex);
    Matcher m = PATH.matcher(ex.getRequestURI().getPath());
    VendorResponse r;
    if (!m.matches() || !m.group(1).equals(settings.companyDomain())) {
      r = BambooHrErrors.of(404, "Company not found or not a valid API URL");
    } else if (!authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
      r = BambooHrErrors.unauthorized();
    } else if (!accepts(ex.getRequestHeaders().getFirst("Accept"))) {
      // BambooHR answers XML unless the client asks for JSON; the simulator speaks JSON only.
      r = BambooHrErrors.of(406, "The simulator answers JSON only: send Accept: application/json");
    } else {
      r = route(ex.getRequestMethod(), m.group(2), SandboxHttp.query(ex), body, corrupt);
    }
    if (r.status() == 200) {
      calls.incrementAndGet();
    }
    SandboxHttp.send(ex, r);
  }

  private boolean authorized(String header) {
    String[] pair = SandboxHttp.basicCredentials(header);
    return pair != null && pair[0].equals(settings.apiKey());
  }

  private static boolean accepts(String accept) {
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("application/json");
  }

  private VendorResponse route(String method, String resource, Map<String, String> q, String body, boolean corrupt) {
    return switch (method + " " + resource) {
      case "GET employees/changed" -> changed(q, corrupt);
      case "GET employees/directory" -> directory();
      case "POST reports/custom" -> customReport(q, body, corrupt);
      case "GET time_off/requests" -> timeOff(q, corrupt);
      default -> BambooHrErrors.of(404, "No API at " + method + " " + resource);
    };
  }

  private VendorResponse changed(Map<String, String> q, boolean corrupt) {
    Instant since = parseSince(q.get("since"));
    String type = q.get("type");
    if (since == null) {
      return BambooHrErrors.of(400, "since is required and must be an ISO 8601 timestamp such as"
          + " 2011-06-01T00:00:00Z (URL-encode a '+' as %2B)");
    }
    if (type != null && !CHANGE_TYPES.contains(type.toLowerCase(java.util.Locale.ROOT))) {
      return BambooHrErrors.of(400, "type must be one of inserted, updated, deleted");
    }
    Map<String, Object> employees = new java.util.LinkedHashMap<>();
    Instant latest = null;
    for (Iterator<RowState> it = context.dataset().scan(BambooHrRecords.EMPLOYEES, RowKey.before(since), null, true);
        it.hasNext(); ) {
      RowState s = it.next();
      String action = s.deleted() ? "Deleted" : s.createdAt().equals(s.modifiedAt()) ? "Inserted" : "Updated";
      if (type != null && !action.equalsIgnoreCase(type)) {
        continue;
      }
      String id = Long.toString(s.index() + 1);
      Map<String, Object> entry = BambooHrRecords.object("id", id, "action", action,
          "lastChanged", BambooHrRecords.TIMESTAMP.format(s.modifiedAt()));
      if (corrupt && employees.isEmpty()) {
        corrupt(entry);
      }
      employees.put(id, entry);
      latest = latest == null || s.modifiedAt().isAfter(latest) ? s.modifiedAt() : latest;
    }
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("latest", latest == null ? null : BambooHrRecords.TIMESTAMP.format(latest));
    out.put("employees", employees);
    return json(out);
  }

  private VendorResponse directory() {
    List<BambooHrRecords.Field> shown = BambooHrRecords.FIELDS.stream().filter(BambooHrRecords.Field::directory)
        .toList();
    List<Map<String, Object>> employees = context.dataset().rows(BambooHrRecords.EMPLOYEES)
        .filter(s -> !s.deleted()).map(records::employee).filter(e -> "Active".equals(e.get("status")))
        .map(e -> pick(e, shown.stream().map(BambooHrRecords.Field::id).toList())).toList();
    return json(BambooHrRecords.object("fields", describe(shown), "employees", employees));
  }

  private VendorResponse customReport(Map<String, String> q, String body, boolean corrupt) {
    if (!"JSON".equalsIgnoreCase(q.getOrDefault("format", ""))) {
      return BambooHrErrors.of(400, "The simulator serves format=JSON only");
    }
    JsonNode request;
    try {
      request = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return BambooHrErrors.of(400, "The request body is not valid JSON");
    }
    if (request == null || !request.path("fields").isArray() || request.path("fields").isEmpty()) {
      return BambooHrErrors.of(400, "fields must list the fields to show on the report");
    }
    List<String> wanted = new java.util.ArrayList<>();
    for (JsonNode f : request.path("fields")) {
      if (BambooHrRecords.FIELDS.stream().noneMatch(d -> d.id().equals(f.asText()))) {
        return BambooHrErrors.of(406, "Invalid field: " + f.asText());
      }
      wanted.add(f.asText());
    }
    JsonNode changed = request.path("filters").path("lastChanged");
    Instant after = null;
    if (!changed.isMissingNode()) {
      after = parseSince(changed.path("value").asText(null));
      if (after == null) {
        return BambooHrErrors.of(400, "filters.lastChanged.value must be an ISO 8601 timestamp");
      }
    }
    RowKey from = after == null ? null : RowKey.before(after);
    List<Map<String, Object>> rows = new java.util.ArrayList<>();
    for (Iterator<RowState> it = context.dataset().scan(BambooHrRecords.EMPLOYEES, from, null, false); it.hasNext(); ) {
      rows.add(pick(records.employee(it.next()), wanted));
    }
    if (corrupt && !rows.isEmpty()) {
      corrupt(rows.get(0));
    }
    List<BambooHrRecords.Field> fields = wanted.stream()
        .map(w -> BambooHrRecords.FIELDS.stream().filter(d -> d.id().equals(w)).findFirst().orElseThrow()).toList();
    return json(BambooHrRecords.object("title", request.path("title").asText("Report"), "fields", describe(fields),
        "employees", rows));
  }

  private VendorResponse timeOff(Map<String, String> q, boolean corrupt) {
    LocalDate start;
    LocalDate end;
    try {
      start = LocalDate.parse(q.getOrDefault("start", ""));
      end = LocalDate.parse(q.getOrDefault("end", ""));
    } catch (DateTimeParseException e) {
      return BambooHrErrors.of(400, "start and end are required, as YYYY-MM-DD");
    }
    List<String> statuses = list(q.get("status"));
    List<String> types = list(q.get("type"));
    List<Map<String, Object>> out = context.dataset().rows(BambooHrRecords.TIME_OFF).map(records::timeOff)
        .filter(t -> !LocalDate.parse((String) t.get("end")).isBefore(start)
            && !LocalDate.parse((String) t.get("start")).isAfter(end))
        .filter(t -> q.get("id") == null || q.get("id").equals(t.get("id")))
        .filter(t -> q.get("employeeId") == null || q.get("employeeId").equals(t.get("employeeId")))
        .filter(t -> statuses == null || statuses.contains(((Map<?, ?>) t.get("status")).get("status")))
        .filter(t -> types == null || types.contains(((Map<?, ?>) t.get("type")).get("id")))
        .toList();
    if (corrupt && !out.isEmpty()) {
      corrupt(out.get(0));
    }
    return json(out);
  }

  /**
   * The run's {@code malformed} fault: one record gets BambooHR's empty date, {@code 0000-00-00}, in its first date
   * field (hireDate, then start, then lastChanged), which a typed load must quarantine.
   */
  private static void corrupt(Map<String, Object> record) {
    for (String f : List.of("hireDate", "start", "lastChanged")) {
      if (record.get(f) != null) {
        record.put(f, f.equals("lastChanged") ? ZERO_DATE + "T00:00:00+00:00" : ZERO_DATE);
        return;
      }
    }
  }

  private static List<String> list(String csv) {
    return csv == null || csv.isBlank() ? null : List.of(csv.split(","));
  }

  /** The id and the named fields of one employee, in the asked order. */
  private static Map<String, Object> pick(Map<String, Object> employee, List<String> fields) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("id", employee.get("id"));
    for (String f : fields) {
      out.put(f, employee.get(f));
    }
    return out;
  }

  private static List<Map<String, Object>> describe(List<BambooHrRecords.Field> fields) {
    return fields.stream().map(f -> BambooHrRecords.object("id", f.id(), "type", f.type(), "name", f.name())).toList();
  }

  /** An ISO 8601 timestamp in one of the documented {@code since} forms, or null. */
  static Instant parseSince(String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text, SINCE).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static VendorResponse json(Object value) {
    return VendorResponse.json(200, VendorResponse.jsonText(JSON, value));
  }

  @Override
  public VendorResponse faultResponse(int status) {
    return BambooHrErrors.fault(status, settings.rateLimitStatus());
  }
}
