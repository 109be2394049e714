package io.tributary.sandbox.salesforce;

import com.sun.net.httpserver.HttpExchange;
import io.tributary.sandbox.PlatformRoutes;
import io.tributary.sandbox.SandboxContext;
import io.tributary.sandbox.SandboxHttp;
import io.tributary.sandbox.SandboxTokens;
import io.tributary.sandbox.VendorResponse;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Salesforce simulator: OAuth token endpoint, describe, REST query/queryAll with nextRecordsUrl, and Bulk API 2.0
 * query jobs, over the seeded dataset. Every data API call needs a valid Bearer token, counts towards the daily API
 * usage reported in {@code Sforce-Limit-Info}, and past a configured daily limit gets 403 REQUEST_LIMIT_EXCEEDED.
 */
public final class SalesforceRoutes extends PlatformRoutes {

  /** The org's daily limit reported when none is configured (the limit the recorded dev org reported). */
  static final long REPORTED_DAILY_LIMIT = 15_000;

  private static final Pattern DATA = Pattern.compile("/services/data/v(\\d+\\.\\d)(/.*)?");
  private static final Pattern QUERY_NEXT = Pattern.compile("/(query|queryAll)/([^/]+)");
  private static final Pattern DESCRIBE = Pattern.compile("/sobjects/([^/]+)/describe/?");
  private static final Pattern JOB = Pattern.compile("/jobs/query/([^/]+)");
  private static final Pattern RESULTS = Pattern.compile("/jobs/query/([^/]+)/results/?");

  private final SalesforceRecords records;
  private final SalesforceOAuthEndpoint oauth;
  private final SalesforceQueryEndpoint query;
  private final SalesforceBulkEndpoint bulk;
  private final AtomicLong apiUsage = new AtomicLong();
  private final Map<String, AtomicLong> requestsByKind = new ConcurrentHashMap<>();

  SalesforceRoutes(SandboxContext context, SalesforceSandboxSettings settings) {
    super(context, "/services/");
    for (SalesforceObject o : SalesforceSchema.all()) {
      long fallback = o.name().equals("User") ? Math.max(1, Math.min(100, context.options().rowsPerObject()))
          : context.options().rowsPerObject();
      context.dataset().define(o.name(), context.options().rowsByObject().getOrDefault(o.name(), fallback));
    }
    this.records = new SalesforceRecords(context.dataset());
    String orgId = SalesforceIds.of("00D", 1);
    String userId = SalesforceSchema.object("User").id(0);
    SalesforceRecordWriter writer = new SalesforceRecordWriter(records);
    this.oauth = new SalesforceOAuthEndpoint(context, settings, orgId, userId);
    this.query = new SalesforceQueryEndpoint(context.dataset(), writer, settings);
    this.bulk = new SalesforceBulkEndpoint(context.dataset(), writer, settings, context.clock(), userId);
  }

  /** Field values of the dataset's rows: the ground truth for query and bulk results. */
  public SalesforceRecords records() {
    return records;
  }

  /** Data API calls counted so far (what {@code Sforce-Limit-Info: api-usage=N/...} reports). */
  public long apiUsage() {
    return apiUsage.get();
  }

  /**
   * Requests this platform answered, by kind: token, describe, query (REST), bulk-create, bulk-list, bulk-poll,
   * bulk-results, other. Injected faults that answered before the routes are not counted here.
   */
  public Map<String, Long> requestsByKind() {
    Map<String, Long> out = new TreeMap<>();
    requestsByKind.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** The next {@code n} Bulk job creates make their job but answer 500, as when the answer is lost on the way. */
  public void loseBulkCreateAnswers(int n) {
    bulk.loseCreateAnswers(n);
  }

  private void count(String kind) {
    requestsByKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
  }

  @Override
  public void handle(HttpExchange ex, boolean corrupt) throws IOException {
    String path = ex.getRequestURI().getPath();
    count(kind(ex.getRequestMethod(), path));
    if (path.equals("/services/oauth2/token")) {
      oauth.handle(ex);
      return;
    }
    Matcher m = DATA.matcher(path);
    if (!m.matches()) {
      SandboxHttp.send(ex, notFound());
      return;
    }
    String token = SandboxTokens.bearer(ex.getRequestHeaders().getFirst("Authorization"));
    if (!context.tokens().isValid(token)) {
      SandboxHttp.body(ex);
      SandboxHttp.send(ex, SalesforceJson.error(401, "INVALID_SESSION_ID", "Session expired or invalid")
          .withHeader("WWW-Authenticate", "Token"));
      return;
    }
    long used = apiUsage.incrementAndGet();
    long limit = context.options().dailyApiLimit();
    ex.getResponseHeaders().set("Sforce-Limit-Info",
        "api-usage=" + used + "/" + (limit > 0 ? limit : REPORTED_DAILY_LIMIT));
    if (limit > 0 && used > limit) {
      SandboxHttp.body(ex);
      SandboxHttp.send(ex, SalesforceJson.error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."));
      return;
    }
    route(ex, m.group(1), m.group(2) == null ? "" : m.group(2), corrupt);
  }

  private void route(HttpExchange ex, String version, String rest, boolean corrupt) throws IOException {
    String method = ex.getRequestMethod();
    Matcher m;
    if (rest.equals("/jobs/query") || rest.equals("/jobs/query/")) {
      if (method.equals("GET")) {
        bulk.list(ex);
      } else if (requireMethod(ex, "POST")) {
        bulk.create(ex, version);
      }
    } else if ((m = RESULTS.matcher(rest)).matches()) {
      if (requireMethod(ex, "GET")) {
        bulk.results(ex, version, m.group(1), corrupt);
      }
    } else if ((m = JOB.matcher(rest)).matches()) {
      if (requireMethod(ex, "GET")) {
        bulk.status(ex, m.group(1));
      }
    } else if (rest.equals("/query") || rest.equals("/query/") || rest.equals("/queryAll")
        || rest.equals("/queryAll/")) {
      if (requireMethod(ex, "GET")) {
        query.start(ex, version, rest.startsWith("/queryAll"), corrupt);
      }
    } else if ((m = QUERY_NEXT.matcher(rest)).matches()) {
      if (requireMethod(ex, "GET")) {
        query.next(ex, version, m.group(2), corrupt);
      }
    } else if ((m = DESCRIBE.matcher(rest)).matches() && method.equals("GET")) {
      SalesforceObject o = SalesforceSchema.object(m.group(1));
      SandboxHttp.send(ex, o == null ? notFound() : VendorResponse.json(200,
          SalesforceDescribeEndpoint.describe(o, version, context.baseUrl().get())));
    } else {
      SandboxHttp.send(ex, notFound());
    }
  }

  private static String kind(String method, String path) {
    if (path.equals("/services/oauth2/token")) {
      return "token";
    }
    Matcher m = DATA.matcher(path);
    String rest = m.matches() && m.group(2) != null ? m.group(2).replaceAll("/+$", "") : "";
    if (rest.equals("/jobs/query")) {
      return method.equals("POST") ? "bulk-create" : "bulk-list";
    }
    if (RESULTS.matcher(rest).matches()) {
      return "bulk-results";
    }
    if (JOB.matcher(rest).matches()) {
      return "bulk-poll";
    }
    if (DESCRIBE.matcher(rest).matches()) {
      return "describe";
    }
    return rest.startsWith("/query") ? "query" : "other";
  }

  private static boolean requireMethod(HttpExchange ex, String method) throws IOException {
    if (ex.getRequestMethod().equals(method)) {
      return true;
    }
    SandboxHttp.body(ex);
    SandboxHttp.send(ex, SalesforceJson.error(405, "METHOD_NOT_ALLOWED",
        "HTTP Method '" + ex.getRequestMethod() + "' not allowed. Allowed are " + method));
    return false;
  }

  private static VendorResponse notFound() {
    return SalesforceJson.error(404, "NOT_FOUND", "The requested resource does not exist");
  }

  /**
   * Injected faults. Salesforce's own throttle is 403 REQUEST_LIMIT_EXCEEDED (daily limit, above); these generic
   * statuses carry short Salesforce-style array bodies. The 500 wording follows Salesforce's UNKNOWN_EXCEPTION; the
   * 429 and 503 wordings are the simulator's.
   */
  @Override
  public VendorResponse faultResponse(int status) {
    return switch (status) {
      case 429 -> SalesforceJson.error(429, "REQUEST_LIMIT_EXCEEDED",
          "ConcurrentPerOrgLongTxn Limit exceeded. Retry after the interval in Retry-After.")
          .withHeader("Retry-After", "1");
      case 500 -> SalesforceJson.error(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include this"
          + " ErrorId if you contact support: 1425876281-190961 (-1547316934)");
      case 503 -> SalesforceJson.error(503, "SERVER_UNAVAILABLE", "Server temporarily unavailable. Try again later.")
          .withHeader("Retry-After", "1");
      default -> SalesforceJson.error(status, "UNKNOWN_EXCEPTION", "An unexpected error occurred.");
    };
  }
}
