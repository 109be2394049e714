package io.tributary.sandbox.greenhouse;

import com.sun.net.httpserver.HttpExchange;
import io.tributary.sandbox.PlatformRoutes;
import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxContext;
import io.tributary.sandbox.SandboxHttp;
import io.tributary.sandbox.VendorResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Harvest v1 list endpoints ({@code GET /v1/candidates}, {@code /applications}, {@code /jobs}, {@code /offers},
 * {@code /scheduled_interviews}) as the reference describes them: Basic auth with the API key as user name and a blank
 * password (else 401); a bare JSON array ordered by id; {@code per_page} 1..500 (default 100) and {@code page}; the
 * RFC 5988 {@code Link} header with {@code next}, {@code prev} and, unless {@code skip_count=true}, {@code last} (no
 * header when there is one page only); {@code created_after}/{@code created_before}, {@code updated_after} ("at or
 * after"; applications: {@code last_activity_after}) and {@code updated_before} filters in ISO-8601; the 50 requests
 * per 10 s throttle; the documented error shapes. Deleted rows are not listed (Harvest has no deleted-records list).
 */
public final class GreenhouseRoutes extends PlatformRoutes {

  static final String PREFIX = "/v1/";
  static final int DEFAULT_PER_PAGE = 100;
  static final int MAX_PER_PAGE = 500;

  private final GreenhouseRecords records;
  private final GreenhouseRateLimit limit;
  private final String expectedAuth;

  GreenhouseRoutes(SandboxContext context, boolean enforceLimits) {
    super(context, PREFIX);
    context.define(Arrays.stream(GreenhouseRecords.Kind.values()).map(GreenhouseRecords.Kind::object).toList());
    this.records = new GreenhouseRecords(context.dataset());
    this.limit = new GreenhouseRateLimit(enforceLimits);
    this.expectedAuth = SandboxHttp.basicAuthorization(GreenhouseSandbox.API_KEY, "");
  }

  /** Requests refused by the 50 per 10 s throttle so far (injected 429 faults not counted). */
  public long throttled() {
    return limit.rejected();
  }

  /** The rows a full read of {@code kind} lists (ground truth): live rows, by id. */
  public List<RowState> live(GreenhouseRecords.Kind kind) {
    return context.dataset().rows(kind.object()).filter(r -> !r.deleted())
        .sorted(Comparator.comparingLong(RowState::index)).toList();
  }

  @Override
  public void handle(HttpExchange ex, boolean corrupt) throws IOException {
    SandboxHttp.body(ex);
    // "Unauthenticated requests will return an HTTP 401 response"; the body text is the Errors table's meaning.
    if (!expectedAuth.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
      SandboxHttp.send(ex, GreenhouseJson.message(401, "Invalid Harvest API key"));
      return;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    VendorResponse throttled = limit.admit(context.clock().millis(), headers);
    if (throttled != null) {
      SandboxHttp.send(ex, throttled);
      return;
    }
    VendorResponse r = list(ex, corrupt);
    for (Map.Entry<String, String> h : headers.entrySet()) {
      r = r.withHeader(h.getKey(), h.getValue());
    }
    SandboxHttp.send(ex, r);
  }

  private VendorResponse list(HttpExchange ex, boolean corrupt) {
    String path = ex.getRequestURI().getPath().substring(PREFIX.length()).replaceAll("/+$", "");
    GreenhouseRecords.Kind kind = GreenhouseRecords.Kind.of(path);
    if (kind == null) {
      return GreenhouseJson.message(404, "Resource not found");
    }
    Map<String, String> q = SandboxHttp.query(ex);
    int perPage;
    int page;
    try {
      perPage = Integer.parseInt(q.getOrDefault("per_page", Integer.toString(DEFAULT_PER_PAGE)));
      page = Integer.parseInt(q.getOrDefault("page", "1"));
    } catch (NumberFormatException e) {
      return GreenhouseJson.validation(q.containsKey("page") ? "page" : "per_page", "Must be an integer");
    }
    if (perPage < 1 || perPage > MAX_PER_PAGE) {
      return GreenhouseJson.validation("per_page", "Must be an integer between 1 and 500");
    }
    if (page < 1) {
      return GreenhouseJson.validation("page", "Must be a positive integer");
    }
    List<RowState> rows;
    try {
      rows = filtered(kind, q);
    } catch (IllegalArgumentException e) {
      return GreenhouseJson.validation(e.getMessage(), "Must be a timestamp in ISO-8601 format");
    }
    int from = (int) Math.min(rows.size(), (long) (page - 1) * perPage);
    int to = Math.min(rows.size(), from + perPage);
    List<Object> body = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      body.add(records.render(kind, rows.get(i), corrupt && i == from));
    }
    VendorResponse r = VendorResponse.json(200, GreenhouseJson.write(body));
    String link = link(kind, q, page, perPage, rows.size());
    return link == null ? r : r.withHeader("Link", link);
  }

  private List<RowState> filtered(GreenhouseRecords.Kind kind, Map<String, String> q) {
    Instant after = time(q, kind.afterParam);
    Instant before = time(q, "updated_before");
    Instant createdAfter = time(q, "created_after");
    Instant createdBefore = time(q, "created_before");
    List<RowState> out = new ArrayList<>();
    for (RowState r : live(kind)) {
      Instant stamp = GreenhouseRecords.stamp(r);
      if ((after == null || !stamp.isBefore(after)) && (before == null || stamp.isBefore(before))
          && (createdAfter == null || !r.createdAt().isBefore(createdAfter))
          && (createdBefore == null || r.createdAt().isBefore(createdBefore))) {
        out.add(r);
      }
    }
    return out;
  }

  private static Instant time(Map<String, String> q, String name) {
    String v = q.get(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(name);
    }
  }

  /** next / prev / last links that repeat the request's own filters; none when everything fits on page 1. */
  private String link(GreenhouseRecords.Kind kind, Map<String, String> q, int page, int perPage, int total) {
    int pages = Math.max(1, (total + perPage - 1) / perPage);
    if (pages == 1 && page == 1) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    if (page < pages) {
      parts.add("<" + url(kind, q, page + 1, perPage) + ">; rel=\"next\"");
    }
    if (page > 1) {
      parts.add("<" + url(kind, q, page - 1, perPage) + ">; rel=\"prev\"");
    }
    if (!"true".equals(q.get("skip_count"))) {
      parts.add("<" + url(kind, q, pages, perPage) + ">; rel=\"last\"");
    }
    return parts.isEmpty() ? null : String.join(",", parts);
  }

  private String url(GreenhouseRecords.Kind kind, Map<String, String> q, int page, int perPage) {
    StringBuilder sb = new StringBuilder(context.baseUrl().get()).append(PREFIX).append(kind.object())
        .append("?page=").append(page).append("&per_page=").append(perPage);
    q.forEach((k, v) -> {
      if (!k.equals("page") && !k.equals("per_page")) {
        sb.append('&').append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
            .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
      }
    });
    return sb.toString();
  }

  @Override
  public VendorResponse faultResponse(int status) {
    if (status == 429) {
      long now = context.clock().millis();
      return GreenhouseRateLimit.throttled(now, now + 1_000);
    }
    return GreenhouseJson.message(status, status >= 500
        ? "Server Error -- We had a problem with our server. Try again later or contact us: support@greenhouse.io"
        : "Error");
  }
}
