package io.tributary.sandbox.dynamics;

import com.sun.net.httpserver.HttpExchange;
import io.tributary.sandbox.AccessTokenMint;
import io.tributary.sandbox.PlatformRoutes;
import io.tributary.sandbox.SandboxContext;
import io.tributary.sandbox.SandboxHttp;
import io.tributary.sandbox.SandboxTokens;
import io.tributary.sandbox.VendorResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dataverse Web API simulator: Entra ID client credentials at {@code /{tenant}/oauth2/v2.0/token}, table
 * definitions at {@code EntityDefinitions(LogicalName='x')} (+ {@code /Attributes}) and entity set reads with paging
 * and change tracking over the seeded dataset. Dataset objects are the tables' logical names ({@code account},
 * {@code contact}). Every API call needs a Bearer token this server issued (expires per {@code expire-token-after}).
 */
public final class DynamicsRoutes extends PlatformRoutes {

  private static final Pattern API = Pattern.compile("/api/data/(v9\\.\\d)/(.+)");
  private static final Pattern DEFINITION =
      Pattern.compile("EntityDefinitions\\(LogicalName='([^']*)'\\)(/Attributes)?/?");

  private final DynamicsCollectionEndpoint collections;
  private final AccessTokenMint mint;
  private final AtomicLong malformedDraws = new AtomicLong();

  DynamicsRoutes(SandboxContext context, DynamicsSandboxSettings settings) {
    super(context, "/api/data/", DynamicsSandboxSettings.tokenPath());
    context.define(DynamicsCatalog.all().stream().map(DynamicsCatalog.Table::logicalName).toList());
    this.collections = new DynamicsCollectionEndpoint(context.dataset(), settings);
    this.mint = new AccessTokenMint(context, 0xD365L);
  }

  @Override
  public void handle(HttpExchange ex, boolean corrupt) throws IOException {
    String path = ex.getRequestURI().getPath();
    String body = SandboxHttp.body(ex);
    if (path.equals(DynamicsSandboxSettings.tokenPath())) {
      SandboxHttp.send(ex, token(body));
      return;
    }
    String bearer = SandboxTokens.bearer(ex.getRequestHeaders().getFirst("Authorization"));
    if (!context.tokens().isValid(bearer)) {
      // Dataverse answers an expired or missing token with 401 and a WWW-Authenticate challenge, no JSON body.
      SandboxHttp.send(ex, new VendorResponse(401, Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\","
          + " error_description=\"The access token expired\""), ""));
      return;
    }
    // A malformed draw alternates: a record with an impossible date, then a body cut off mid-JSON (truncated JSON).
    boolean truncate = corrupt && malformedDraws.getAndIncrement() % 2 == 1;
    VendorResponse response = route(ex, path, corrupt && !truncate);
    SandboxHttp.send(ex, truncate && response.status() == 200 ? response.truncated() : response);
  }

  private VendorResponse route(HttpExchange ex, String path, boolean corrupt) {
    Matcher m = API.matcher(path);
    if (!m.matches() || !ex.getRequestMethod().equals("GET")) {
      return DynamicsJson.error(404, "0x80060888", "Resource not found for the segment '" + path + "'.");
    }
    String apiBase = context.baseUrl().get() + "/api/data/" + m.group(1);
    String rest = m.group(2);
    Matcher d = DEFINITION.matcher(rest);
    if (d.matches()) {
      return DynamicsMetadataEndpoint.definition(apiBase, d.group(1), d.group(2) != null);
    }
    DynamicsCatalog.Table table = DynamicsCatalog.byEntitySet(rest.replaceAll("/$", ""));
    if (table == null) {
      return DynamicsJson.error(404, "0x80060888", "Resource not found for the segment '" + rest + "'.");
    }
    String prefer = String.join(",", ex.getRequestHeaders().getOrDefault("Prefer", List.of()));
    return collections.list(new DynamicsCollectionEndpoint.Request(table, apiBase, SandboxHttp.query(ex), prefer,
        context.clock().now(), corrupt));
  }

  /**
   * POST /{tenant}/oauth2/v2.0/token, client credentials with scope {@code <org>/.default}; the answer has the
   * fields of the Microsoft identity platform's client-credentials response (token_type, expires_in, ext_expires_in,
   * access_token).
   */
  private VendorResponse token(String body) {
    Map<String, String> form = SandboxHttp.form(body);
    if (!"client_credentials".equals(form.get("grant_type"))) {
      return entraError("unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.");
    }
    if (!DynamicsSandboxSettings.CLIENT_ID.equals(form.get("client_id"))
        || !DynamicsSandboxSettings.CLIENT_SECRET.equals(form.get("client_secret"))) {
      return entraError("invalid_client", "AADSTS7000215: Invalid client secret provided.");
    }
    String scope = form.getOrDefault("scope", "");
    if (!scope.endsWith("/.default")) {
      return entraError("invalid_scope", "AADSTS1002012: The provided value for scope is not valid. Client"
          + " credential flows must have a scope value with /.default suffixed to the resource identifier.");
    }
    String token = mint.issue("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.", 48);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("token_type", "Bearer");
    out.put("expires_in", 3599);
    out.put("ext_expires_in", 3599);
    out.put("access_token", token);
    return DynamicsJson.ok(out);
  }

  private static VendorResponse entraError(String error, String description) {
    try {
      return VendorResponse.json(400, DynamicsJson.MAPPER.writeValueAsString(Map.of("error", error,
          "error_description", description)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Injected faults. 429 is the service-protection body of fixture error_429_service_protection.http; its
   * Retry-After is 1 s here (the fixture's 12 s would only slow the tests). 5xx use the Web API error shape.
   */
  @Override
  public VendorResponse faultResponse(int status) {
    if (status == 429) {
      return DynamicsJson.error(429, "0x80072322", "Number of requests exceeded the limit of 6000 over time window"
          + " of 300 seconds.").withHeader("Retry-After", "1");
    }
    return DynamicsJson.error(status, "0x80040216", "An unexpected error occurred. (sandbox fault " + status + ")");
  }
}
