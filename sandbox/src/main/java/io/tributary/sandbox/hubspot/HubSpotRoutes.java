package io.tributary.sandbox.hubspot;

import com.sun.net.httpserver.HttpExchange;
import io.tributary.sandbox.AccessTokenMint;
import io.tributary.sandbox.PlatformRoutes;
import io.tributary.sandbox.SandboxContext;
import io.tributary.sandbox.SandboxHttp;
import io.tributary.sandbox.SandboxTokens;
import io.tributary.sandbox.VendorResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HubSpot CRM simulator: OAuth refresh at /oauth/v1/token, objects list/search/batch read, the Properties and
 * Owners APIs and v4 association batch reads, over the seeded dataset. Every data call needs a Bearer token: the configured private-app token (never
 * expires) or an OAuth access token this server issued (expires per the run's {@code expire-token-after}).
 */
public final class HubSpotRoutes extends PlatformRoutes {

  private static final Pattern OBJECTS = Pattern.compile("/crm/v3/objects/([a-z_]+)(/search|/batch/read)?/?");
  private static final Pattern PROPERTIES = Pattern.compile("/crm/v3/properties/([a-z_]+)/?");
  private static final Pattern OWNERS = Pattern.compile("/crm/v3/owners/?");
  private static final Pattern ASSOCIATIONS = Pattern.compile("/crm/v4/associations/([a-z_]+)/([a-z_]+)/batch/read/?");

  private final HubSpotSandboxSettings settings;
  private final HubSpotRecords records;
  private final HubSpotSearchEndpoint search;
  private final HubSpotObjectsEndpoint objects;
  private final HubSpotOwners owners;
  private final HubSpotAssociations associations;
  private final HubSpotAssociationsEndpoint associationsEndpoint;
  private final HubSpotRateLimits limits;
  private final AccessTokenMint mint;

  HubSpotRoutes(SandboxContext context, HubSpotSandboxSettings settings) {
    super(context, "/crm/", "/oauth/v1/token");
    this.settings = settings;
    HubSpotCatalog catalog = new HubSpotCatalog(settings.customProperties());
    context.define(catalog.all().stream().map(HubSpotCatalog.ObjectType::name).toList());
    // Owners are few in a real portal: 50 unless the run sets a count for "owners".
    context.dataset().define("owners", context.options().rowsByObject().getOrDefault("owners",
        Math.min(50, context.options().rowsPerObject())));
    this.records = new HubSpotRecords(context.dataset(), catalog);
    this.owners = new HubSpotOwners(context.dataset());
    this.associations = new HubSpotAssociations(context.dataset(), catalog);
    this.associationsEndpoint = new HubSpotAssociationsEndpoint(records, associations,
        settings.associationPage());
    this.search = new HubSpotSearchEndpoint(records);
    this.objects = new HubSpotObjectsEndpoint(records);
    this.limits = new HubSpotRateLimits(settings.enforceLimits());
    this.mint = new AccessTokenMint(context, 0x4B5L);
  }

  /** Property values of the dataset's rows: the ground truth for every endpoint. */
  public HubSpotRecords records() {
    return records;
  }

  /** The owners the Owners API serves (ground truth of the owners stream). */
  public HubSpotOwners owners() {
    return owners;
  }

  /** Calls refused with a rate-limit 429 (search's 5 a second, the 100 per 10 s burst) so far. */
  public long limitRejections() {
    return limits.rejected();
  }

  /** The links the v4 associations API serves (ground truth of the link streams). */
  public HubSpotAssociations associations() {
    return associations;
  }

  @Override
  public void handle(HttpExchange ex, boolean corrupt) throws IOException {
    String path = ex.getRequestURI().getPath();
    String body = SandboxHttp.body(ex);
    if (path.startsWith("/oauth/v1/token")) {
      SandboxHttp.send(ex, token(body));
      return;
    }
    String bearer = SandboxTokens.bearer(ex.getRequestHeaders().getFirst("Authorization"));
    if (!settings.privateAppToken().equals(bearer) && !context.tokens().isValid(bearer)) {
      SandboxHttp.send(ex, unauthorized(context.tokens().expiredAt(bearer)));
      return;
    }
    Matcher m = OBJECTS.matcher(path);
    boolean isSearch = m.matches() && "/search".equals(m.group(2));
    Map<String, String> headers = new LinkedHashMap<>();
    VendorResponse limited = limits.admit(isSearch, context.clock().millis(), headers);
    VendorResponse r = limited != null ? limited : route(ex, path, body, corrupt);
    for (Map.Entry<String, String> h : headers.entrySet()) {
      r = r.withHeader(h.getKey(), h.getValue());
    }
    SandboxHttp.send(ex, r);
  }

  /**
   * HubSpot's 401 bodies as recorded in public bug reports (HubSpot/hubspot-api-php#363, airbytehq/airbyte#74726): an
   * expired OAuth token gets {@code "The OAuth token used to make this call expired N second(s) ago."}, category
   * {@code EXPIRED_AUTHENTICATION} and {@code context."expire time"}; a token HubSpot does not know gets
   * {@code "Authentication credentials not found. ..."} (its category, INVALID_AUTHENTICATION, is unverified).
   */
  private VendorResponse unauthorized(Instant expiredAt) {
    if (expiredAt == null) {
      return HubSpotJson.error(401, "INVALID_AUTHENTICATION",
          "Authentication credentials not found. This API supports both API Key and OAuth 2.0 authentication", null);
    }
    long ago = Math.max(0, Duration.between(expiredAt, context.clock().now()).toSeconds());
    return HubSpotJson.error(401, "EXPIRED_AUTHENTICATION",
        "The OAuth token used to make this call expired " + ago + " second(s) ago.",
        Map.of("expire time", List.of(expiredAt.toString())));
  }

  private VendorResponse route(HttpExchange ex, String path, String body, boolean corrupt) throws IOException {
    String method = ex.getRequestMethod();
    Matcher m = OBJECTS.matcher(path);
    if (m.matches()) {
      HubSpotCatalog.ObjectType type = records.catalog().object(m.group(1));
      if (type == null) {
        return HubSpotJson.error(400, "VALIDATION_ERROR", "Unable to infer object type from: " + m.group(1));
      }
      String sub = m.group(2);
      if (sub == null && method.equals("GET")) {
        return objects.list(type, SandboxHttp.query(ex), corrupt);
      }
      if ("/search".equals(sub) && method.equals("POST")) {
        return search.search(type, body, corrupt);
      }
      if ("/batch/read".equals(sub) && method.equals("POST")) {
        return objects.batchRead(type, body, corrupt, context.clock().now());
      }
      return HubSpotJson.error(405, "VALIDATION_ERROR", method + " is not allowed on " + path);
    }
    if (OWNERS.matcher(path).matches() && method.equals("GET")) {
      return owners.list(SandboxHttp.query(ex), corrupt);
    }
    m = ASSOCIATIONS.matcher(path);
    if (m.matches() && method.equals("POST")) {
      return associationsEndpoint.batchRead(m.group(1), m.group(2), body, corrupt, context.clock().now());
    }
    m = PROPERTIES.matcher(path);
    if (m.matches() && method.equals("GET")) {
      HubSpotCatalog.ObjectType type = records.catalog().object(m.group(1));
      return type == null ? HubSpotJson.error(400, "VALIDATION_ERROR", "Unable to infer object type from: "
          + m.group(1)) : objects.properties(type);
    }
    return HubSpotJson.error(404, "OBJECT_NOT_FOUND", "resource not found: " + path);
  }

  /** POST /oauth/v1/token, grant_type=refresh_token (fixtures doc_oauth_refresh_request.txt, doc_oauth_token_response). */
  private VendorResponse token(String body) {
    Map<String, String> form = SandboxHttp.form(body);
    if (!"refresh_token".equals(form.get("grant_type"))) {
      return VendorResponse.json(400, "{\"status\":\"BAD_GRANT_TYPE\",\"message\":\"grant_type must be"
          + " refresh_token\"}");
    }
    if (!settings.clientId().equals(form.get("client_id")) || !settings.clientSecret().equals(form.get("client_secret"))
        || !settings.refreshToken().equals(form.get("refresh_token"))) {
      return VendorResponse.json(400, "{\"status\":\"BAD_REFRESH_TOKEN\",\"message\":\"missing or invalid"
          + " refresh token\"}");
    }
    String token = mint.issue("CIrT", 40);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("token_type", "bearer");
    out.put("refresh_token", settings.refreshToken());
    out.put("access_token", token);
    out.put("expires_in", 1800);
    return HubSpotJson.ok(out);
  }

  /** Injected faults: 429 with the recorded search body; 5xx with the v3 Error shape (simulator wording). */
  @Override
  public VendorResponse faultResponse(int status) {
    if (status == 429) {
      return HubSpotRateLimits.secondlyLimit();
    }
    return HubSpotJson.error(status, "INTERNAL_ERROR", "internal error (sandbox fault " + status + ")");
  }
}
