package io.tributary.sandbox.sap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.tributary.sandbox.PlatformRoutes;
import io.tributary.sandbox.SandboxContext;
import io.tributary.sandbox.SandboxHttp;
import io.tributary.sandbox.VendorResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The SAP OData v2 simulator: {@code GET /sap/opu/odata/sap/<service>/$metadata} and
 * {@code GET /sap/opu/odata/sap/<service>/<EntitySet>} with {@code $filter}, {@code $orderby}, {@code $top},
 * {@code $inlinecount=allpages} ({@code __count} as a string) and server-driven paging ({@code d.__next} carrying
 * the request's options plus a {@code $skiptoken}), as in ../shared/fixtures/sap (pyodata v2 paging recordings,
 * Gateway 404 error). The skiptoken is an offset by default ({@link SapSandboxSettings.Skiptoken}). A {@code $top}
 * larger than the page size still gets pages with a {@code __next} whose {@code $top} is what is left of it, as the
 * ABAP RESTful programming model caps {@code $top} and adds a next link (SAP blog "How to deal with OData services
 * that return only 100 entities"). Basic auth or OAuth 2.0 bearer tokens from {@link SapTokenEndpoint}.
 */
public final class SapRoutes extends PlatformRoutes {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SapSandboxSettings settings;
  private final SapTokenEndpoint tokens;
  private final Map<String, Long> counts = new ConcurrentHashMap<>();
  private final AtomicLong pages = new AtomicLong();
  private final AtomicLong skiptokenPages = new AtomicLong();
  private final AtomicLong malformedDraws = new AtomicLong();

  SapRoutes(SandboxContext context, SapSandboxSettings settings) {
    super(context, "/sap/");
    this.settings = settings;
    this.tokens = new SapTokenEndpoint(context, settings);
    context.define(SapEntities.ALL.stream().map(SapEntity::set).toList());
  }

  /** Collection pages served so far. */
  public long pages() {
    return pages.get();
  }

  /** Collection pages served for a {@code $skiptoken} (a client following {@code __next}). */
  public long skiptokenPages() {
    return skiptokenPages.get();
  }

  @Override
  public void handle(HttpExchange ex, boolean corrupt) throws IOException {
    String path = ex.getRequestURI().getPath();
    if (path.equals(SapSandboxSettings.TOKEN_PATH)) {
      tokens.handle(ex);
      return;
    }
    if (!authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
      // Gateway's ICF answers a failed logon with 401 and a Basic challenge, not an OData error body.
      SandboxHttp.send(ex, new VendorResponse(401, Map.of("Content-Type", "text/plain; charset=utf-8",
          "WWW-Authenticate", "Basic realm=\"SAP NetWeaver Application Server [SIM/100]\""), "Logon failed"));
      return;
    }
    String root = SapSandboxSettings.ROOT + "/";
    String[] parts = path.startsWith(root) ? path.substring(root.length()).split("/") : new String[0];
    if (parts.length != 2 || !SapEntities.hasService(parts[0])) {
      SandboxHttp.send(ex, SapErrorBodies.notFound(parts.length > 0 ? parts[0] : path, null));
      return;
    }
    if (!ex.getRequestMethod().equals("GET")) {
      SandboxHttp.send(ex, SapErrorBodies.of(405, "/IWBEP/CM_MGW_RT/021", "The simulator is read-only", parts[0]));
      return;
    }
    if (parts[1].equals("$metadata")) {
      SandboxHttp.send(ex, new VendorResponse(200, Map.of("Content-Type", "application/xml",
          "dataserviceversion", "2.0"), SapMetadataDocument.of(parts[0])));
      return;
    }
    SapEntity entity = SapEntities.find(parts[0], parts[1]);
    if (entity == null) {
      SandboxHttp.send(ex, SapErrorBodies.notFound(parts[1], parts[0]));
      return;
    }
    try {
      // A malformed draw alternates: an entity with a garbled value, then a page cut off mid-JSON.
      boolean truncate = corrupt && malformedDraws.getAndIncrement() % 2 == 1;
      VendorResponse response = page(entity, ex, corrupt && !truncate);
      SandboxHttp.send(ex, truncate ? response.truncated() : response);
    } catch (SapFilterException e) {
      SandboxHttp.send(ex, SapErrorBodies.badRequest(e.getMessage(), entity.service()));
    }
  }

  private boolean authorized(String header) {
    if (header == null) {
      return false;
    }
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return context.tokens().isValid(header.substring(7).trim());
    }
    if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
      String expected = settings.user() + ":" + settings.password();
      try {
        return expected.equals(new String(Base64.getDecoder().decode(header.substring(6).trim()),
            StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    return false;
  }

  private VendorResponse page(SapEntity entity, HttpExchange ex, boolean corrupt) {
    Map<String, String> q = SandboxHttp.query(ex);
    Predicate<Map<String, Object>> filter = SapFilterExpression.parse(q.get("$filter"), entity);
    SapOrder order = SapOrder.parse(q.get("$orderby"), entity);
    String skiptoken = q.get("$skiptoken");
    pages.incrementAndGet();
    if (skiptoken != null) {
      skiptokenPages.incrementAndGet();
      skiptoken = skiptoken.replaceAll("^'|'$", "");
    }
    String serviceUrl = context.baseUrl().get() + SapSandboxSettings.ROOT + "/" + entity.service();
    ObjectNode root = JSON.createObjectNode();
    ObjectNode d = root.putObject("d");
    if ("allpages".equals(q.get("$inlinecount"))) {
      d.put("__count", Long.toString(inlineCount(entity, q.get("$filter"), order, filter, skiptoken == null)));
    }
    ArrayNode results = JSON.createArrayNode();
    SapCollection rows = new SapCollection(context.dataset(), entity, order, settings.skiptoken(), skiptoken,
        filter);
    long top = top(q.get("$top"));
    long limit = Math.min(settings.pageSize(), top);
    SapCollection.Entry last = null;
    int n = 0;
    for (; n < limit && rows.hasNext(); n++) {
      last = rows.next();
      SapEntityWriter.write(results.addObject(), entity, last.values(), serviceUrl, corrupt && n == 0);
    }
    if (last != null && n < top && rows.hasNext()) {
      String token = settings.skiptoken() == SapSandboxSettings.Skiptoken.OFFSET
          ? SapCollection.skiptoken(served(skiptoken) + n) : SapCollection.skiptoken(order, last.row());
      d.put("__next", serviceUrl + "/" + entity.set() + "?" + nextQuery(ex.getRequestURI().getRawQuery(), token,
          top == Long.MAX_VALUE ? null : Long.toString(top - n)));
    }
    d.set("results", results);
    return VendorResponse.json(200, root.toString()).withHeader("dataserviceversion", "2.0");
  }

  /** The count of a first request, and the same count for the pages its {@code __next} links lead to. */
  private long inlineCount(SapEntity entity, String rawFilter, SapOrder order, Predicate<Map<String, Object>> filter,
      boolean first) {
    String countKey = entity.set() + "|" + rawFilter + "|" + order;
    if (first) {
      long total = count(entity, order, filter);
      counts.put(countKey, total);
      return total;
    }
    return counts.computeIfAbsent(countKey, k -> count(entity, order, filter));
  }

  private long count(SapEntity entity, SapOrder order, Predicate<Map<String, Object>> filter) {
    long n = 0;
    for (SapCollection c = new SapCollection(context.dataset(), entity, order, settings.skiptoken(), null, filter);
        c.hasNext(); c.next()) {
      n++;
    }
    return n;
  }

  /** {@code $top}, or no limit when absent. */
  private static long top(String top) {
    if (top == null) {
      return Long.MAX_VALUE;
    }
    try {
      long n = Long.parseLong(top.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below, as Gateway answers a bad system query option
    }
    throw new SapFilterException("Invalid system query option $top='" + top + "'");
  }

  /** The rows an offset skiptoken says were served before this page. */
  private static long served(String skiptoken) {
    return skiptoken == null ? 0 : Long.parseLong(skiptoken);
  }

  /**
   * The request's own query options with the new skiptoken, as Gateway builds {@code __next}, and what is left of
   * {@code $top} (null: the request had none).
   */
  private static String nextQuery(String rawQuery, String skiptoken, String top) {
    StringJoiner j = new StringJoiner("&");
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        if (!option(pair, "skiptoken") && !option(pair, "top")) {
          j.add(pair);
        }
      }
    }
    if (top != null) {
      j.add("$top=" + top);
    }
    j.add("$skiptoken='" + skiptoken + "'");
    return j.toString();
  }

  private static boolean option(String pair, String name) {
    return pair.startsWith("$" + name + "=") || pair.startsWith("%24" + name + "=");
  }

  @Override
  public VendorResponse faultResponse(int status) {
    return SapErrorBodies.fault(status);
  }
}
