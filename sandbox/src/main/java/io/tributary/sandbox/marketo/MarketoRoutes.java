package io.tributary.sandbox.marketo;

import com.sun.net.httpserver.HttpExchange;
import io.tributary.sandbox.AccessTokenMint;
import io.tributary.sandbox.PlatformRoutes;
import io.tributary.sandbox.SandboxContext;
import io.tributary.sandbox.SandboxHttp;
import io.tributary.sandbox.SandboxTokens;
import io.tributary.sandbox.VendorResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Marketo simulator: the Identity service's client-credentials token (authentication.md) and the Bulk Lead and
 * Bulk Activity Extract endpoints (create, enqueue, status, file, cancel, list) over the seeded dataset. Data calls
 * need {@code Authorization: Bearer} with a token issued here; a token it does not know answers 601, an expired one
 * 602, more than 100 calls in a rolling 20 s 606 ("Max rate limit '100' exceeded with in '20' secs"): all with
 * HTTP 200 and {@code success: false}, as Marketo answers them (error-codes.md).
 */
public final class MarketoRoutes extends PlatformRoutes {

  private static final Pattern BULK =
      Pattern.compile("/bulk/v1/(leads|activities)/export(?:/([^/]+))?/(create|enqueue|status|file|cancel)\\.json");
  private static final Pattern LIST = Pattern.compile("/bulk/v1/(leads|activities)/export\\.json");
  private static final int RATE_LIMIT = 100;
  private static final Duration RATE_WINDOW = Duration.ofSeconds(20);

  private final MarketoSandboxSettings settings;
  private final MarketoRecords records;
  private final MarketoExportQueue queue;
  private final MarketoFileDownload files;
  private final AccessTokenMint mint;
  private final ArrayDeque<Long> calls = new ArrayDeque<>();
  /** {@code malformed} faults drawn on calls that carry no records, kept for the next file download. */
  private final java.util.concurrent.atomic.AtomicInteger pendingCorruptions =
      new java.util.concurrent.atomic.AtomicInteger();

  MarketoRoutes(SandboxContext context, MarketoSandboxSettings settings) {
    super(context, "/bulk/", "/identity/", "/rest/");
    this.settings = settings;
    context.define(MarketoRecords.LEADS, MarketoRecords.ACTIVITIES);
    this.records = new MarketoRecords(context.dataset(), settings.spanDays());
    this.queue = new MarketoExportQueue(records, settings, context.clock());
    this.files = new MarketoFileDownload(settings.interruptAfterBytes());
    this.mint = new AccessTokenMint(context, 0x4D4B544FL);
  }

  /** Leads and activities as the exports show them: the ground truth. */
  public MarketoRecords records() {
    return records;
  }

  /** The export jobs, their filters and the day's exported bytes. */
  public MarketoExportQueue exports() {
    return queue;
  }

  /** Every file request so far, like {@code <exportId> bytes=1234-}. */
  public List<String> downloads() {
    return files.log();
  }

  @Override
  public void handle(HttpExchange ex, boolean corrupt) throws IOException {
    if (corrupt) {
      pendingCorruptions.incrementAndGet();
    }
    String path = ex.getRequestURI().getPath();
    String body = SandboxHttp.body(ex);
    if (path.startsWith("/identity/")) {
      SandboxHttp.send(ex, token(path, ex.getRequestMethod().equals("POST") && !body.isEmpty()
          ? SandboxHttp.form(body) : SandboxHttp.query(ex)));
      return;
    }
    String bearer = SandboxTokens.bearer(ex.getRequestHeaders().getFirst("Authorization"));
    if (!context.tokens().isValid(bearer)) {
      SandboxHttp.send(ex, context.tokens().expiredAt(bearer) != null
          ? MarketoJson.error("602", "Access token expired") : MarketoJson.error("601", "Access token invalid"));
      return;
    }
    if (!admit()) {
      SandboxHttp.send(ex, MarketoJson.error("606", "Max rate limit '100' exceeded with in '20' secs"));
      return;
    }
    Matcher m = BULK.matcher(path);
    if (m.matches()) {
      String kind = m.group(1);
      String id = m.group(2);
      String op = m.group(3);
      if (op.equals("create") && id == null && ex.getRequestMethod().equals("POST")) {
        SandboxHttp.send(ex, queue.create(kind, body));
        return;
      }
      if (op.equals("file") && id != null) {
        MarketoExportJob job = queue.job(kind, id);
        if (job == null) {
          SandboxHttp.send(ex, MarketoJson.error("1003", "Export id " + id + " not found"));
        } else {
          files.serve(ex, job, takeCorruption());
        }
        return;
      }
      if (id != null) {
        SandboxHttp.send(ex, switch (op) {
          case "enqueue" -> queue.enqueue(kind, id);
          case "status" -> queue.status(kind, id);
          case "cancel" -> queue.cancel(kind, id);
          default -> MarketoJson.error("610", "Requested resource not found");
        });
        return;
      }
    }
    m = LIST.matcher(path);
    if (m.matches() && ex.getRequestMethod().equals("GET")) {
      SandboxHttp.send(ex, queue.list(m.group(1)));
      return;
    }
    SandboxHttp.send(ex, MarketoJson.error("610", "Requested resource not found"));
  }

  /**
   * GET (or POST) /identity/oauth/token?grant_type=client_credentials&client_id=..&client_secret=.. as in the
   * recorded answer (fixture recorded_identity_oauth_token_client_credentials.json). Bad credentials answer 401
   * {@code {"error":"invalid_client","error_description":"Bad client credentials"}} (wording as public Marketo
   * clients report it).
   */
  private VendorResponse token(String path, Map<String, String> params) {
    if (!path.equals("/identity/oauth/token")) {
      return VendorResponse.json(404, "{\"error\":\"not_found\",\"error_description\":\"" + path + "\"}");
    }
    if (!"client_credentials".equals(params.get("grant_type"))) {
      return VendorResponse.json(400, "{\"error\":\"unsupported_grant_type\",\"error_description\":\"Unsupported"
          + " grant type: " + params.get("grant_type") + "\"}");
    }
    if (!settings.clientId().equals(params.get("client_id"))
        || !settings.clientSecret().equals(params.get("client_secret"))) {
      return VendorResponse.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Bad client"
          + " credentials\"}");
    }
    Duration life = context.tokens().lifetime() == null ? Duration.ofSeconds(3600) : context.tokens().lifetime();
    String token = mint.issue("mkto-", 27);
    return VendorResponse.json(200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":"
        + Math.max(1, life.toSeconds() - 1) + ",\"scope\":\"sandbox-api@tributary.invalid\"}")
        .withHeader("Cache-Control", "no-store");
  }

  /**
   * Only export files carry records, so a {@code malformed} fault drawn on any call corrupts one value of the next
   * file download; JSON answers are never corrupted (Marketo's are small and complete).
   */
  private boolean takeCorruption() {
    return pendingCorruptions.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  /** Marketo's 100 calls in any 20 s, on the sandbox clock. */
  private synchronized boolean admit() {
    if (!settings.enforceRateLimit()) {
      return true;
    }
    long now = context.clock().millis();
    while (!calls.isEmpty() && calls.peekFirst() <= now - RATE_WINDOW.toMillis()) {
      calls.pollFirst();
    }
    if (calls.size() >= RATE_LIMIT) {
      return false;
    }
    calls.addLast(now);
    return true;
  }

  /**
   * Injected faults as Marketo reports them, HTTP 200 with a response-level code: 429 becomes 606 (the rate limit,
   * Marketo has no 429), 503 becomes 608 "API Temporarily Unavailable", 504 604 "Request time-out", other 5xx 611
   * "System error" (error-codes.md).
   */
  @Override
  public VendorResponse faultResponse(int status) {
    return switch (status) {
      case 429 -> MarketoJson.error("606", "Max rate limit '100' exceeded with in '20' secs");
      case 503 -> MarketoJson.error("608", "API Temporarily Unavailable");
      case 504 -> MarketoJson.error("604", "Request time-out");
      default -> MarketoJson.error("611", "System error");
    };
  }
}
