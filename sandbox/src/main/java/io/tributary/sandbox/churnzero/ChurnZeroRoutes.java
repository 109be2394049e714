package io.tributary.sandbox.churnzero;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.tributary.sandbox.BooleanExpression;
import io.tributary.sandbox.GeneratedFields.TimeFormat;
import io.tributary.sandbox.GeneratedFields;
import io.tributary.sandbox.PlatformRoutes;
import io.tributary.sandbox.RefusedRequest;
import io.tributary.sandbox.RequestRateLimiter;
import io.tributary.sandbox.SandboxContext;
import io.tributary.sandbox.SandboxHttp;
import io.tributary.sandbox.VendorResponse;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The ChurnZero simulator: the REST API ("an OData v4 implementation", developer reference at
 * app.churnzero.net/developers), {@code GET /public/v1/{Account|Contact|Event}} with HTTP Basic auth (user name and
 * API key). "The page size for all collection requests is 100 results": a response holds {@code value} and, when more
 * follow, {@code @odata.nextLink}; with {@code $top} there is no next link and the caller raises {@code $skip} until a
 * page is empty. Supported query options: {@code $filter} (eq, ne, gt, ge, lt, le with and, or, not), {@code $orderby},
 * {@code $select}, {@code $top}, {@code $skip}, {@code $count}. The next link's form, the error bodies and the
 * per-minute limit (documented only as "two thresholds tracked per minute", off by default) are assumptions listed in
 * docs/sources/churnzero.md.
 */
public final class ChurnZeroRoutes extends PlatformRoutes {

  static final String PATH = "/public/v1/";
  static final int PAGE_SIZE = 100;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> OPTIONS = Set.of("$filter", "$orderby", "$select", "$top", "$skip", "$count");

  private final ChurnZeroSandbox.Settings settings;
  private final ChurnZeroRecords records;
  private final RequestRateLimiter perMinute;

  ChurnZeroRoutes(SandboxContext context, ChurnZeroSandbox.Settings settings) {
    super(context, PATH);
    this.settings = settings;
    context.define(ChurnZeroRecords.ACCOUNT, ChurnZeroRecords.CONTACT, ChurnZeroRecords.EVENT);
    this.records = new ChurnZeroRecords(context.dataset());
    this.perMinute = new RequestRateLimiter(settings.requestsPerMinute(), Duration.ofMinutes(1));
  }

  public ChurnZeroRecords records() {
    return records;
  }

  @Override
  protected VendorResponse answer(HttpExchange ex, String body, boolean corrupt) {
    String entity = ex.getRequestURI().getPath().substring(PATH.length());
    String expected = SandboxHttp.basicAuthorization(settings.username(), settings.apiKey());
    if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
      return error(401, "Authorization has been denied for this request.");
    }
    VendorResponse limited = overLimit(perMinute);
    if (limited != null) {
      return limited;
    }
    if (!ChurnZeroRecords.ENTITIES.containsKey(entity)) {
      return error(404, "No HTTP resource was found that matches the request URI '" + ex.getRequestURI() + "'.");
    }
    if (!ex.getRequestMethod().equals("GET")) {
      return error(405, "The requested resource does not support http method '" + ex.getRequestMethod() + "'.");
    }
    try {
      return collection(entity, SandboxHttp.query(ex), corrupt);
    } catch (RefusedRequest e) {
      return error(400, e.getMessage());
    }
  }

  private VendorResponse collection(String entity, Map<String, String> q, boolean corrupt) {
    for (String name : q.keySet()) {
      if (name.startsWith("$") && !OPTIONS.contains(name)) {
        throw new RefusedRequest("The query parameter '" + name + "' is not supported.");
      }
    }
    List<Map<String, Object>> all = records.all(entity);
    Set<String> properties = ChurnZeroRecords.properties(entity);
    Predicate<Map<String, Object>> where = q.containsKey("$filter")
        ? filter(entity, q.get("$filter"), properties) : v -> true;
    List<Map<String, Object>> rows = all.stream().filter(where).sorted(order(entity, q.get("$orderby"), properties))
        .toList();
    int skip = number(q, "$skip", 0);
    Integer top = q.containsKey("$top") ? Math.min(PAGE_SIZE, number(q, "$top", PAGE_SIZE)) : null;
    int end = Math.min(rows.size(), skip + (top == null ? PAGE_SIZE : top));
    List<String> select = q.containsKey("$select") ? List.of(q.get("$select").split("\\s*,\\s*")) : null;
    ObjectNode root = JSON.createObjectNode();
    root.put("@odata.context", context.baseUrl().get() + PATH + "$metadata#" + entity
        + (select == null ? "" : "(" + String.join(",", select) + ")"));
    if ("true".equalsIgnoreCase(q.get("$count"))) {
      root.put("@odata.count", rows.size());
    }
    ArrayNode value = root.putArray("value");
    for (Map<String, Object> row : rows.subList(Math.min(skip, end), end)) {
      ObjectNode o = value.addObject();
      for (String p : select == null ? row.keySet() : select) {
        if (!row.containsKey(p)) {
          throw new RefusedRequest("Could not find a property named '" + p + "' on type 'ChurnZero." + entity + "'.");
        }
        GeneratedFields.put(o, p, row.get(p), TimeFormat.ISO);
      }
    }
    if (top == null && end < rows.size()) {
      Map<String, String> next = new LinkedHashMap<>(q);
      next.put("$skip", Integer.toString(end));
      root.put("@odata.nextLink", context.baseUrl().get() + PATH + entity + "?" + next.entrySet().stream()
          .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
          .collect(Collectors.joining("&")));
    }
    SandboxHttp.corruptFirst(value, corrupt, "ObjectLastModifiedDate");
    return VendorResponse.json(200, root.toString());
  }

  /** {@code Property op literal} terms joined by and/or/not. */
  private static Predicate<Map<String, Object>> filter(String entity, String text, Set<String> properties) {
    try {
      return BooleanExpression.parse(text, t -> {
        String property = t.next("a property");
        if (!properties.contains(property)) {
          throw new RefusedRequest("Could not find a property named '" + property + "' on type 'ChurnZero." + entity
              + "'.");
        }
        String op = t.next("an operator").toLowerCase(Locale.ROOT);
        Object literal = literal(t.next("a value"));
        return switch (op) {
          case "eq" -> v -> GeneratedFields.compare(v.get(property), literal) == 0;
          case "ne" -> v -> GeneratedFields.compare(v.get(property), literal) != 0;
          case "gt" -> v -> v.get(property) != null && GeneratedFields.compare(v.get(property), literal) > 0;
          case "ge" -> v -> v.get(property) != null && GeneratedFields.compare(v.get(property), literal) >= 0;
          case "lt" -> v -> v.get(property) != null && GeneratedFields.compare(v.get(property), literal) < 0;
          case "le" -> v -> v.get(property) != null && GeneratedFields.compare(v.get(property), literal) <= 0;
          default -> throw new RefusedRequest("The $filter operator '" + op + "' is not supported.");
        };
      });
    } catch (IllegalArgumentException e) {
      throw new RefusedRequest("The query specified in the URI is not valid. " + e.getMessage());
    }
  }

  private static Object literal(String token) {
    if (token.startsWith("'") && token.endsWith("'") && token.length() >= 2) {
      return token.substring(1, token.length() - 1).replace("''", "'");
    }
    if (token.equals("null")) {
      return null;
    }
    if (token.equals("true") || token.equals("false")) {
      return Boolean.valueOf(token);
    }
    try {
      if (token.contains("T")) {
        return OffsetDateTime.parse(token).toInstant();
      }
      if (token.length() == 10 && token.charAt(4) == '-') {
        return LocalDate.parse(token);
      }
      return new BigDecimal(token);
    } catch (RuntimeException e) {
      throw new RefusedRequest("The query specified in the URI is not valid. Unrecognized literal " + token + ".");
    }
  }

  /** {@code $orderby=A desc,B}; the id breaks ties, so pages never overlap. */
  private static Comparator<Map<String, Object>> order(String entity, String orderBy, Set<String> properties) {
    Comparator<Map<String, Object>> c = null;
    if (orderBy != null && !orderBy.isBlank()) {
      for (String part : orderBy.trim().split("\\s*,\\s*")) {
        String[] words = part.split("\\s+");
        if (!properties.contains(words[0])) {
          throw new RefusedRequest("Could not find a property named '" + words[0] + "' on type 'ChurnZero." + entity
              + "'.");
        }
        Comparator<Map<String, Object>> one = GeneratedFields.orderBy(words[0],
            words.length > 1 && words[1].equalsIgnoreCase("desc"));
        c = c == null ? one : c.thenComparing(one);
      }
    }
    Comparator<Map<String, Object>> byId = GeneratedFields.orderBy("Id", false);
    return c == null ? byId : c.thenComparing(byId);
  }

  private static int number(Map<String, String> q, String name, int fallback) {
    try {
      int n = q.containsKey(name) ? Integer.parseInt(q.get(name).trim()) : fallback;
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new RefusedRequest("The value of " + name + " must be a non-negative whole number.");
    }
  }

  @Override
  public VendorResponse faultResponse(int status) {
    return fault(status);
  }

  private static VendorResponse fault(int status) {
    return error(status, status == 429 ? "Too many requests: slow down and retry." : "An error has occurred.");
  }

  /** The OData v4 JSON error format ({@code {"error": {"code", "message"}}}). */
  private static VendorResponse error(int status, String message) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode e = root.putObject("error");
    e.put("code", Integer.toString(status));
    e.put("message", message);
    return VendorResponse.json(status, root.toString());
  }
}
