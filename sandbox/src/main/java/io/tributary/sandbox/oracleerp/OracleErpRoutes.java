package io.tributary.sandbox.oracleerp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.tributary.sandbox.GeneratedFields;
import io.tributary.sandbox.PlatformRoutes;
import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxContext;
import io.tributary.sandbox.SandboxHttp;
import io.tributary.sandbox.SandboxTokens;
import io.tributary.sandbox.VendorResponse;
import io.tributary.sandbox.oracleerp.OracleErpCatalog.Attribute;
import io.tributary.sandbox.oracleerp.OracleErpCatalog.Resource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The Oracle ERP Cloud (Fusion REST) simulator: GET {@code /fscmRestApi/resources/11.13.18.05/{invoices, suppliers,
 * purchaseOrders}} with basic authentication or a bearer token from {@link OracleErpTokenEndpoint}. A collection
 * answers {@code items}, {@code totalResults} (only with {@code totalResults=true}), {@code count}, {@code hasMore},
 * {@code limit}, {@code offset} and {@code links}; {@code limit} defaults to 25 and is cut to the server maximum (500),
 * {@code offset} to 0; {@code fields=} selects attributes, {@code onlyData=true} drops the items' {@code links},
 * {@code q} filters and {@code orderBy} sorts ("Collection Resources", "Navigate a Collection", "Filter a Collection"
 * in the REST API guides for Oracle Fusion Cloud). Without {@code orderBy} the simulator answers in
 * (LastUpdateDate, key) order; Oracle promises no order then, so a client that pages by offset should send one.
 */
public final class OracleErpRoutes extends PlatformRoutes {

  static final String COLLECTION_TYPE = "application/vnd.oracle.adf.resourcecollection+json";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Fusion's datetime form, e.g. {@code 2019-03-05T14:54:32.001+00:00}. */
  static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx")
      .withZone(ZoneOffset.UTC);
  private static final int DEFAULT_LIMIT = 25;

  private final OracleErpSandboxSettings settings;
  private final OracleErpCatalog catalog;
  private final OracleErpTokenEndpoint tokens;
  private final AtomicLong pages = new AtomicLong();

  OracleErpRoutes(SandboxContext context, OracleErpSandboxSettings settings) {
    super(context, "/fscmRestApi/", OracleErpSandboxSettings.TOKEN_PATH);
    this.settings = settings;
    this.catalog = new OracleErpCatalog(context.dataset());
    context.define(catalog.resources().stream().map(Resource::name).toList());
    this.tokens = new OracleErpTokenEndpoint(context, settings);
  }

  /** Attribute values of the dataset's rows: the ground truth of every collection. */
  public OracleErpCatalog catalog() {
    return catalog;
  }

  /** Collection pages answered with 200 so far. */
  public long pages() {
    return pages.get();
  }

  @Override
  protected VendorResponse answer(HttpExchange ex, String body, boolean corrupt) {
    String path = ex.getRequestURI().getPath();
    if (path.startsWith(OracleErpSandboxSettings.TOKEN_PATH)) {
      return tokens.token(ex.getRequestHeaders().getFirst("Authorization"), body);
    }
    int version = frameworkVersion(ex.getRequestHeaders().getFirst("REST-Framework-Version"));
    VendorResponse r;
    if (!authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
      r = OracleErpErrors.unauthorized();
    } else if (!path.startsWith(OracleErpSandboxSettings.ROOT + "/")) {
      r = OracleErpErrors.notFound("The REST API version in " + path + " is not served: use "
          + OracleErpSandboxSettings.ROOT, version);
    } else {
      String name = path.substring(OracleErpSandboxSettings.ROOT.length() + 1).replaceAll("/$", "");
      Resource resource = catalog.resource(name);
      if (resource == null) {
        r = OracleErpErrors.notFound("The resource " + name + " does not exist.", version);
      } else if (!ex.getRequestMethod().equals("GET")) {
        r = OracleErpErrors.of(405, "Method Not Allowed", "The simulator serves GET only.", version);
      } else {
        r = collection(resource, SandboxHttp.query(ex), ex.getRequestURI().toString(), version, corrupt);
      }
    }
    return r;
  }

  private boolean authorized(String header) {
    String bearer = SandboxTokens.bearer(header);
    if (bearer != null) {
      return context.tokens().isValid(bearer);
    }
    String[] pair = SandboxHttp.basicCredentials(header);
    return pair != null && pair[0].equals(settings.user()) && pair[1].equals(settings.password());
  }

  private static int frameworkVersion(String header) {
    try {
      return header == null ? 1 : Integer.parseInt(header.trim());
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private VendorResponse collection(Resource resource, Map<String, String> q, String self, int version,
      boolean corrupt) {
    int limit;
    long offset;
    try {
      limit = Integer.parseInt(q.getOrDefault("limit", Integer.toString(DEFAULT_LIMIT)));
      offset = Long.parseLong(q.getOrDefault("offset", "0"));
      if (limit < 1 || offset < 0) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      return OracleErpErrors.badRequest("The limit and offset parameters must be a positive and a non-negative whole"
          + " number.", version);
    }
    limit = Math.min(limit, settings.maxLimit());
    List<Attribute> fields;
    OracleErpQuery query;
    try {
      fields = fields(resource, q.get("fields"));
      query = OracleErpQuery.parse(resource, q.get("q"), q.get("orderBy"), version);
    } catch (IllegalArgumentException e) {
      return OracleErpErrors.badRequest(e.getMessage(), version);
    }
    if (q.containsKey("finder") || q.containsKey("expand")) {
      return OracleErpErrors.badRequest("The simulator does not serve finder or expand; filter with q.", version);
    }
    pages.incrementAndGet();
    List<Map<String, Object>> rows = new ArrayList<>();
    long total = 0;
    boolean hasMore = false;
    boolean count = "true".equalsIgnoreCase(q.get("totalResults"));
    Iterator<Map<String, Object>> it = rows(resource, query).iterator();
    while (it.hasNext()) {
      Map<String, Object> row = it.next();
      if (total >= offset && rows.size() < limit) {
        rows.add(row);
      } else if (rows.size() == limit) {
        hasMore = true;
        if (!count) {
          break;
        }
      }
      total++;
    }
    if (corrupt && !rows.isEmpty()) {
      // a record in the middle: a client paging from an inclusive bound reads the first one again (already read)
      int i = rows.size() >= 3 ? rows.size() / 2 : 0;
      rows.set(i, corrupt(resource, rows.get(i)));
    }
    return VendorResponse.json(200, page(resource, rows, fields, !"true".equalsIgnoreCase(q.get("onlyData")),
        count ? total : null, hasMore, limit, offset, self)).withHeader("Content-Type", COLLECTION_TYPE);
  }

  /** The resource's live rows that pass q, in the asked order. */
  private Stream<Map<String, Object>> rows(Resource resource, OracleErpQuery query) {
    Iterator<RowState> scan = context.dataset().scan(resource.name(), query.scanFrom(), null, false);
    Stream<Map<String, Object>> rows = StreamSupport.stream(
        java.util.Spliterators.spliteratorUnknownSize(scan, java.util.Spliterator.ORDERED), false)
        .map(s -> catalog.values(resource, s)).filter(query.predicate());
    return query.sort() == null ? rows : rows.sorted(query.sort());
  }

  /**
   * The run's {@code malformed} fault: the row's first date or datetime other than LastUpdateDate (the cursor) gets
   * an impossible calendar date, which a typed load must quarantine.
   */
  private static Map<String, Object> corrupt(Resource resource, Map<String, Object> row) {
    Map<String, Object> out = new java.util.LinkedHashMap<>(row);
    for (Attribute a : resource.attributes()) {
      if (!a.name().equals(OracleErpCatalog.LAST_UPDATE_DATE) && (a.kind() == OracleErpCatalog.Kind.DATE
          || a.kind() == OracleErpCatalog.Kind.DATETIME)) {
        out.put(a.name(), a.kind() == OracleErpCatalog.Kind.DATE ? "2024-02-30" : "2024-02-30T25:61:00.000+00:00");
        return out;
      }
    }
    return out;
  }

  private static List<Attribute> fields(Resource resource, String fields) {
    if (fields == null) {
      return resource.attributes();
    }
    List<Attribute> out = new ArrayList<>();
    for (String f : fields.split(",")) {
      Attribute a = resource.attribute(f.trim());
      if (a == null) {
        throw new IllegalArgumentException("The fields parameter names " + f.trim() + ", which is not an attribute of "
            + resource.name() + ".");
      }
      out.add(a);
    }
    return out;
  }

  private String page(Resource resource, List<Map<String, Object>> rows, List<Attribute> fields, boolean links,
      Long total, boolean hasMore, int limit, long offset, String self) {
    String base = context.baseUrl().get() + OracleErpSandboxSettings.ROOT + "/" + resource.name();
    ObjectNode root = JSON.createObjectNode();
    ArrayNode items = root.putArray("items");
    for (Map<String, Object> row : rows) {
      ObjectNode item = items.addObject();
      for (Attribute a : fields) {
        GeneratedFields.put(item, a.name(), row.get(a.name()), DATETIME);
      }
      if (links) {
        String href = base + "/" + row.get(resource.key());
        ArrayNode l = item.putArray("links");
        l.addObject().put("rel", "self").put("href", href).put("name", resource.name()).put("kind", "item");
        l.addObject().put("rel", "canonical").put("href", href).put("name", resource.name()).put("kind", "item");
      }
    }
    if (total != null) {
      root.put("totalResults", total);
    }
    root.put("count", rows.size());
    root.put("hasMore", hasMore);
    root.put("limit", limit);
    root.put("offset", offset);
    root.putArray("links").addObject().put("rel", "self").put("href", context.baseUrl().get() + self)
        .put("name", resource.name()).put("kind", "collection");
    return root.toString();
  }


  @Override
  public VendorResponse faultResponse(int status) {
    return OracleErpErrors.fault(status);
  }
}
