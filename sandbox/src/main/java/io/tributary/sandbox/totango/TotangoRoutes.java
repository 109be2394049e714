package io.tributary.sandbox.totango;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.tributary.sandbox.GeneratedFields.TimeFormat;
import io.tributary.sandbox.GeneratedFields;
import io.tributary.sandbox.PlatformRoutes;
import io.tributary.sandbox.RefusedRequest;
import io.tributary.sandbox.RequestRateLimiter;
import io.tributary.sandbox.SandboxContext;
import io.tributary.sandbox.SandboxHttp;
import io.tributary.sandbox.VendorResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The Totango simulator: the Search API (accounts and users), {@code POST /api/v1/search/accounts} and
 * {@code /api/v1/search/users} with the {@code app-token} header and the search as a JSON {@code query} form field:
 * {@code terms} and {@code fields} (both mandatory), {@code count} (default and at most 1,000), {@code offset} (a
 * record number), {@code sort_by}, {@code sort_order} and {@code scope}. At most the first 10,000 records of a search
 * can be read, and each token may make 100 calls a minute (Totango, "Search API (accounts and users)"). Hits carry
 * {@code name} (the id), {@code display_name} and {@code selected_fields} in the order the fields were asked for,
 * under {@code response.<accounts|users>} with {@code total_hits}. Error bodies and date values are assumptions,
 * listed in docs/sources/totango.md.
 */
public final class TotangoRoutes extends PlatformRoutes {

  static final String PATH = "/api/v1/search/";
  static final int MAX_COUNT = 1000;
  static final int MAX_RECORDS = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TotangoSandbox.Settings settings;
  private final TotangoRecords records;
  private final RequestRateLimiter perMinute;

  TotangoRoutes(SandboxContext context, TotangoSandbox.Settings settings) {
    super(context, "/api/");
    this.settings = settings;
    context.define(TotangoRecords.ACCOUNTS, TotangoRecords.USERS);
    this.records = new TotangoRecords(context.dataset());
    this.perMinute = new RequestRateLimiter(settings.requestsPerMinute(), Duration.ofMinutes(1));
  }

  public TotangoRecords records() {
    return records;
  }

  /** Calls refused by the per-minute limit so far (injected 429 faults not counted). */
  public long limitRejections() {
    return perMinute.rejections();
  }

  @Override
  protected VendorResponse answer(HttpExchange ex, String body, boolean corrupt) {
    String path = ex.getRequestURI().getPath();
    String object = path.startsWith(PATH) ? path.substring(PATH.length()) : "";
    if (!object.equals(TotangoRecords.ACCOUNTS) && !object.equals(TotangoRecords.USERS)) {
      return error(404, "Not found: " + path);
    }
    if (!settings.appToken().equals(ex.getRequestHeaders().getFirst("app-token"))) {
      return error(401, "Unauthorized: missing or invalid app-token");
    }
    VendorResponse limited = overLimit(perMinute);
    if (limited != null) {
      return limited;
    }
    if (!ex.getRequestMethod().equals("POST")) {
      return error(405, "Use POST");
    }
    try {
      return search(object, SandboxHttp.form(body).get("query"), corrupt);
    } catch (RefusedRequest e) {
      return error(400, e.getMessage());
    }
  }

  private VendorResponse search(String object, String text, boolean corrupt) {
    JsonNode q;
    try {
      q = text == null ? null : JSON.readTree(text);
    } catch (IOException e) {
      throw new RefusedRequest("query is not valid JSON");
    }
    if (q == null || !q.path("terms").isArray() || !q.path("fields").isArray()) {
      throw new RefusedRequest("query must be a JSON object with the mandatory terms and fields arrays");
    }
    Predicate<Map<String, Object>> where = v -> true;
    for (JsonNode term : q.path("terms")) {
      where = where.and(term(object, term));
    }
    List<Function<Map<String, Object>, Object>> selected = new ArrayList<>();
    for (JsonNode f : q.path("fields")) {
      selected.add(field(object, f));
    }
    List<Function<Map<String, Object>, Object>> parent = new ArrayList<>();
    for (JsonNode f : q.path("parent_account_fields")) {
      Function<Map<String, Object>, Object> onAccount = field(TotangoRecords.ACCOUNTS, f);
      parent.add(v -> onAccount.apply(account((String) v.get("account"))));
    }
    int count = Math.min(MAX_COUNT, Math.max(0, q.path("count").asInt(MAX_COUNT)));
    int offset = q.path("offset").asInt(0);
    if (offset < 0 || offset >= MAX_RECORDS) {
      throw new RefusedRequest("offset " + offset + " is out of range: at most " + MAX_RECORDS
          + " records of a search can be accessed");
    }
    List<Map<String, Object>> hits = records.all(object).stream().filter(where).sorted(order(q)).toList();
    int end = Math.min(Math.min(offset + count, MAX_RECORDS), hits.size());
    ArrayNode out = JSON.createArrayNode();
    for (Map<String, Object> hit : hits.subList(Math.min(offset, end), end)) {
      ObjectNode h = out.addObject();
      h.put("name", (String) hit.get("name"));
      h.put("display_name", (String) hit.get("display_name"));
      h.set("selected_fields", values(hit, selected));
      if (!parent.isEmpty()) {
        h.set("parent_account_selected_fields", values(hit, parent));
      }
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("status", "success");
    ObjectNode result = root.putObject("response").putObject(object);
    result.put("total_hits", hits.size());
    result.set("hits", SandboxHttp.corruptFirst(out, corrupt, null));
    return VendorResponse.json(200, root.toString());
  }

  private static ArrayNode values(Map<String, Object> hit, List<Function<Map<String, Object>, Object>> fields) {
    ObjectNode holder = JSON.createObjectNode();
    ArrayNode a = JSON.createArrayNode();
    for (Function<Map<String, Object>, Object> f : fields) {
      GeneratedFields.put(holder, "v", f.apply(hit), TimeFormat.EPOCH_MILLIS);
      a.add(holder.get("v"));
    }
    return a;
  }

  private Map<String, Object> account(String id) {
    return records.values(context.dataset().row(TotangoRecords.ACCOUNTS, Long.parseLong(id.substring(3)) - 1));
  }

  /** The field a term or field spec names: {@code string} terms, {@code health_trend}, or a typed attribute. */
  private static String name(String object, JsonNode spec) {
    String type = spec.path("type").asText();
    String name = switch (type) {
      case "string" -> switch (spec.path("term").asText()) {
        case "identifier" -> "name";
        case "search_name" -> "display_name";
        default -> spec.path("term").asText();
      };
      case "health_trend" -> "health_trend";
      case "string_attribute", "simple_date_attribute" ->
          type.equals(TotangoRecords.ATTRIBUTE_TYPE.get(spec.path("attribute").asText()))
              ? spec.path("attribute").asText() : null;
      default -> null;
    };
    if (name == null || TotangoRecords.fields(object).stream().noneMatch(f -> f.name().equals(name))
        || name.equals("account")) {
      throw new RefusedRequest("unknown " + type + " " + spec + " for " + object);
    }
    return name;
  }

  private static Function<Map<String, Object>, Object> field(String object, JsonNode spec) {
    String name = name(object, spec);
    return v -> v.get(name);
  }

  private static Predicate<Map<String, Object>> term(String object, JsonNode term) {
    String name = name(object, term);
    if (term.has("in_list")) {
      List<String> list = new ArrayList<>();
      term.path("in_list").forEach(x -> list.add(x.asText()));
      return v -> v.get(name) != null && list.contains(v.get(name).toString());
    }
    if (term.has("contains")) {
      String part = term.path("contains").asText().toLowerCase(java.util.Locale.ROOT);
      return v -> v.get(name) != null && v.get(name).toString().toLowerCase(java.util.Locale.ROOT).contains(part);
    }
    if (term.has("eq")) {
      String eq = term.path("eq").asText();
      return v -> v.get(name) != null && v.get(name).toString().equals(eq);
    }
    throw new RefusedRequest("term " + term + " needs in_list, contains or eq");
  }

  /** {@code sort_by} display_name (the documented example) or name; by name (the id) when absent. */
  private static Comparator<Map<String, Object>> order(JsonNode q) {
    String by = q.path("sort_by").asText("name");
    if (!by.equals("display_name") && !by.equals("name")) {
      throw new RefusedRequest("sort_by " + by + " is not supported; use display_name or name");
    }
    Comparator<Map<String, Object>> c = GeneratedFields.orderBy(by, "DESC".equalsIgnoreCase(
        q.path("sort_order").asText("ASC")));
    return by.equals("name") ? c : c.thenComparing(GeneratedFields.orderBy("name", false));
  }

  @Override
  public VendorResponse faultResponse(int status) {
    return fault(status);
  }

  private static VendorResponse fault(int status) {
    return error(status, status == 429 ? "Rate limit exceeded: 100 calls per minute per token"
        : "Internal server error");
  }

  private static VendorResponse error(int status, String message) {
    ObjectNode root = JSON.createObjectNode();
    root.put("status", "error");
    root.put("message", message);
    return VendorResponse.json(status, root.toString());
  }
}
