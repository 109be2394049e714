package io.tributary.sandbox.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.tributary.sandbox.PlatformRoutes;
import io.tributary.sandbox.SandboxContext;
import io.tributary.sandbox.SandboxHttp;
import io.tributary.sandbox.VendorResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The NetSuite simulator: {@code POST /services/rest/query/v1/suiteql?limit=&offset=} with TBA-signed requests,
 * {@code Prefer: transient}, at most 1,000 rows a page, offsets that are multiples of the limit, the 100,000-result
 * cap per query, and a per-account concurrency limit (Oracle "Executing SuiteQL Queries Through REST Web Services",
 * section_157909186990; "Collection Paging", section_156414087576).
 */
public final class NetSuiteRoutes extends PlatformRoutes {

  static final String PATH = "/services/rest/query/v1/suiteql";
  static final int MAX_LIMIT = 1000;
  static final int MAX_RESULTS = 100_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final NetSuiteSandboxSettings settings;
  private final SuiteQlParser parser;
  private final SuiteQlExecutor executor;
  private final SuiteQlRenderer renderer;
  private final NetSuiteSignatureCheck signatures;
  private final NetSuiteConcurrency concurrency;
  private final AtomicLong queries = new AtomicLong();
  private final Map<String, Long> totals = new ConcurrentHashMap<>();

  NetSuiteRoutes(SandboxContext context, NetSuiteSandboxSettings settings) {
    super(context, "/services/rest/");
    this.settings = settings;
    context.define(NetSuiteRecords.TABLES.stream().map(SuiteQlTable::name).toList());
    NetSuiteRecords records = new NetSuiteRecords(context.dataset(), settings.timezone());
    this.parser = new SuiteQlParser(settings.timezone());
    this.executor = new SuiteQlExecutor(context.dataset(), records);
    this.renderer = new SuiteQlRenderer(settings.timezone());
    this.signatures = new NetSuiteSignatureCheck(settings);
    this.concurrency = new NetSuiteConcurrency(settings.concurrency());
  }

  /** Most requests served at once so far. */
  public int peakInFlight() {
    return concurrency.peak();
  }

  /** Requests refused with the concurrency error. */
  public long concurrencyRejections() {
    return concurrency.rejections();
  }

  /** SuiteQL requests answered with data. */
  public long queries() {
    return queries.get();
  }

  @Override
  protected VendorResponse answer(HttpExchange ex, String body, boolean corrupt) {
    if (!ex.getRequestURI().getPath().equals(PATH)) {
      return NetSuiteErrorBodies.of(404, "15.5.5", "Not Found", "The requested resource does not exist.", null,
          "NONEXISTENT_ID");
    }
    URI url = URI.create(context.baseUrl().get() + ex.getRequestURI().getRawPath()
        + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery()));
    if (!signatures.verify(ex.getRequestMethod(), url, ex.getRequestHeaders().getFirst("Authorization"))) {
      return NetSuiteErrorBodies.invalidLogin();
    }
    return concurrency.serve(() -> query(ex, body, url, corrupt), () -> settings.loginWordedConcurrency()
        ? NetSuiteErrorBodies.invalidLogin() : NetSuiteErrorBodies.concurrency());
  }

  private VendorResponse query(HttpExchange ex, String body, URI url, boolean corrupt) {
    if (!ex.getRequestMethod().equals("POST")) {
      return NetSuiteErrorBodies.of(405, "15.5.6", "Method Not Allowed", "The HTTP method "
          + ex.getRequestMethod() + " is not allowed for this resource. Use POST.", null, "INVALID_METHOD");
    }
    String prefer = ex.getRequestHeaders().getFirst("Prefer");
    if (prefer == null || !prefer.toLowerCase(java.util.Locale.ROOT).contains("transient")) {
      return NetSuiteErrorBodies.badParameter("Prefer", "The request header 'Prefer: transient' is required"
          + " for the suiteql resource.");
    }
    Map<String, String> params = SandboxHttp.query(ex);
    long limit;
    long offset;
    try {
      limit = Long.parseLong(params.getOrDefault("limit", "1000"));
      offset = Long.parseLong(params.getOrDefault("offset", "0"));
    } catch (NumberFormatException e) {
      return NetSuiteErrorBodies.badParameter("limit", "The limit and offset parameters must be whole numbers.");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      return NetSuiteErrorBodies.badParameter("limit", "The value of the limit parameter must be between 1 and "
          + MAX_LIMIT + ".");
    }
    if (offset < 0 || offset % limit != 0) {
      return NetSuiteErrorBodies.badParameter("offset", "The value of the offset parameter must be a multiple of"
          + " the limit parameter.");
    }
    if (offset >= MAX_RESULTS) {
      return NetSuiteErrorBodies.badParameter("offset", "Using SuiteQL queries, you can return a maximum of"
          + " 100,000 results. The offset parameter value " + offset + " is out of range.");
    }
    String q;
    try {
      JsonNode json = JSON.readTree(body);
      q = json == null ? null : json.path("q").asText(null);
    } catch (IOException e) {
      q = null;
    }
    if (q == null || q.isBlank()) {
      return NetSuiteErrorBodies.badParameter("q", "The request body must be a JSON object with a \"q\" query.");
    }
    try {
      return VendorResponse.json(200, page(parser.parse(q), q, limit, offset, url, corrupt));
    } catch (SuiteQlException e) {
      return NetSuiteErrorBodies.badQuery(e.getMessage());
    }
  }

  private String page(SuiteQlQuery query, String q, long limit, long offset, URI url, boolean corrupt) {
    queries.incrementAndGet();
    // NetSuite counts a query's results once; later offsets of the same query reuse the count.
    long total = offset == 0 ? count(query) : totals.computeIfAbsent(q, k -> count(query));
    if (offset == 0) {
      totals.put(q, total);
    }
    Iterator<Map<String, Object>> rows = executor.rows(query);
    for (long skipped = 0; skipped < offset && rows.hasNext(); skipped++) {
      rows.next();
    }
    ObjectNode root = JSON.createObjectNode();
    ArrayNode links = root.putArray("links");
    ArrayNode items = JSON.createArrayNode();
    int n = 0;
    while (n < limit && rows.hasNext()) {
      ObjectNode item = items.addObject();
      renderer.write(item, query, rows.next());
      if (corrupt && n == 0) {
        NetSuiteCorruption.apply(item, query);
      }
      n++;
    }
    boolean hasMore = rows.hasNext();
    String base = context.baseUrl().get() + PATH;
    if (hasMore) {
      links.addObject().put("rel", "next").put("href", base + "?limit=" + limit + "&offset=" + (offset + limit));
    }
    links.addObject().put("rel", "self").put("href", url.toString());
    root.put("count", n);
    root.put("hasMore", hasMore);
    root.set("items", items);
    root.put("offset", offset);
    root.put("totalResults", total);
    return root.toString();
  }

  private long count(SuiteQlQuery query) {
    return executor.count(query);
  }

  @Override
  public VendorResponse faultResponse(int status) {
    return NetSuiteErrorBodies.fault(status);
  }
}
