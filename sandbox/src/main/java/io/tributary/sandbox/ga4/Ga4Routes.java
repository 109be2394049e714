package io.tributary.sandbox.ga4;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.tributary.sandbox.AccessTokenMint;
import io.tributary.sandbox.PlatformRoutes;
import io.tributary.sandbox.SandboxContext;
import io.tributary.sandbox.SandboxHttp;
import io.tributary.sandbox.SandboxTokens;
import io.tributary.sandbox.VendorResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GA4 Data API simulator: Google's OAuth token endpoint for the service-account JWT grant at {@code /token},
 * {@code runReport} at {@code /v1beta/properties/{id}:runReport}, and the service account's JSON key at
 * {@link #KEY_PATH} (a simulator convenience; Google hands keys out in the Cloud console only). The property's time
 * zone is UTC and its today is the simulator clock's date.
 */
public final class Ga4Routes extends PlatformRoutes {

  public static final String KEY_PATH = "/sandbox/ga4/service-account.json";
  private static final Pattern RUN_REPORT = Pattern.compile("/v1beta/properties/([^/:]+):runReport");
  private static final String JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  private final Ga4Property property;
  private final Ga4ReportEndpoint reports;
  private final AccessTokenMint mint;
  private final KeyPair key;

  Ga4Routes(SandboxContext context, Ga4SandboxSettings settings) {
    super(context, "/v1beta/", Ga4SandboxSettings.TOKEN_PATH, KEY_PATH);
    this.property = new Ga4Property(context.options().seed(),
        context.options().rowsFor(Ga4SandboxSettings.ROWS_OBJECT),
        LocalDate.ofInstant(context.clock().now(), ZoneOffset.UTC));
    this.reports = new Ga4ReportEndpoint(property, new Ga4Quota(settings, context.clock()));
    this.mint = new AccessTokenMint(context, 0x6A4L);
    this.key = serviceAccountKeyPair();
  }

  /** The service account's key pair, new for each server: the client signs its token requests with it. */
  private static KeyPair serviceAccountKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The ground truth: the simulated property's data. */
  public Ga4Property property() {
    return property;
  }

  /** The property's today (UTC), on the simulator clock. */
  public LocalDate today() {
    return LocalDate.ofInstant(context.clock().now(), ZoneOffset.UTC);
  }

  /** The service account's JSON key file, in the layout Google's console downloads, naming {@code tokenUri}. */
  public String serviceAccountKey(String tokenUri) {
    String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(key.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("type", "service_account");
    k.put("project_id", "sandbox-project");
    k.put("private_key_id", "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c");
    k.put("private_key", pem);
    k.put("client_email", Ga4SandboxSettings.CLIENT_EMAIL);
    k.put("client_id", "104729000000000000042");
    k.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
    k.put("token_uri", tokenUri);
    return Ga4Json.write(k);
  }

  @Override
  public void handle(HttpExchange ex, boolean corrupt) throws IOException {
    String path = ex.getRequestURI().getPath();
    String body = SandboxHttp.body(ex);
    if (path.equals(KEY_PATH)) {
      SandboxHttp.send(ex, VendorResponse.json(200, serviceAccountKey(context.baseUrl().get()
          + Ga4SandboxSettings.TOKEN_PATH)));
      return;
    }
    if (path.equals(Ga4SandboxSettings.TOKEN_PATH)) {
      SandboxHttp.send(ex, token(SandboxHttp.form(body)));
      return;
    }
    if (!context.tokens().isValid(SandboxTokens.bearer(ex.getRequestHeaders().getFirst("Authorization")))) {
      SandboxHttp.send(ex, Ga4Json.error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials."
          + " Expected OAuth 2 access token, login cookie or other valid authentication credential."));
      return;
    }
    Matcher m = RUN_REPORT.matcher(path);
    if (!m.matches() || !ex.getRequestMethod().equals("POST")) {
      SandboxHttp.send(ex, Ga4Json.error(404, "NOT_FOUND", "The requested URL " + path + " was not found."));
      return;
    }
    if (!m.group(1).equals(Ga4SandboxSettings.PROPERTY_ID)) {
      SandboxHttp.send(ex, Ga4Json.error(403, "PERMISSION_DENIED", "User does not have sufficient permissions for"
          + " this property. To learn more about Property ID, see"
          + " https://developers.google.com/analytics/devguides/reporting/data/v1/property-id."));
      return;
    }
    SandboxHttp.send(ex, reports.run(body, today(), corrupt));
  }

  /** The JWT bearer grant: an RS256 assertion by the service account, for this token URI, with a scope, unexpired. */
  private VendorResponse token(Map<String, String> form) {
    if (!JWT_GRANT.equals(form.get("grant_type"))) {
      return Ga4Json.oauthError(400, "unsupported_grant_type", "Invalid grant_type: " + form.get("grant_type"));
    }
    String[] parts = form.getOrDefault("assertion", "").split("\\.");
    JsonNode claims;
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(key.getPublic());
      rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (parts.length != 3 || !rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return Ga4Json.oauthError(400, "invalid_grant", "Invalid JWT Signature.");
      }
      claims = Ga4Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
    } catch (GeneralSecurityException | IOException | IllegalArgumentException
        | ArrayIndexOutOfBoundsException e) {
      return Ga4Json.oauthError(400, "invalid_grant", "Invalid JWT Signature.");
    }
    if (!Ga4SandboxSettings.CLIENT_EMAIL.equals(claims.path("iss").asText())) {
      return Ga4Json.oauthError(400, "invalid_grant", "Invalid JWT Signature.");
    }
    long now = context.clock().now().getEpochSecond();
    long exp = claims.path("exp").asLong();
    if (exp < now || exp - claims.path("iat").asLong() > 3600) {
      return Ga4Json.oauthError(400, "invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes)"
          + " and in a reasonable timeframe. Check your iat and exp values in the JWT claim.");
    }
    if (!claims.path("scope").asText().contains("https://www.googleapis.com/auth/analytics")) {
      return Ga4Json.oauthError(400, "invalid_scope", "Invalid OAuth scope or ID token audience provided.");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("access_token", mint.issue("ya29.c.", 48));
    out.put("expires_in", 3599);
    out.put("token_type", "Bearer");
    return Ga4Json.ok(out);
  }

  /** Injected faults in the google.rpc.Status shape; a 429 is a concurrency limit, retried (not a token quota). */
  @Override
  public VendorResponse faultResponse(int status) {
    if (status == 429) {
      return Ga4Json.error(429, "RESOURCE_EXHAUSTED", "Exhausted concurrent requests quota per property.")
          .withHeader("Retry-After", "1");
    }
    return Ga4Json.error(status, status == 503 ? "UNAVAILABLE" : "INTERNAL", "Internal error encountered.");
  }
}
