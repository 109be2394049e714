package io.tributary.sandbox.sap;

import com.sun.net.httpserver.HttpExchange;
import io.tributary.sandbox.AccessTokenMint;
import io.tributary.sandbox.SandboxContext;
import io.tributary.sandbox.SandboxHttp;
import io.tributary.sandbox.VendorResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * {@code POST /sap/bc/sec/oauth2/token} with {@code grant_type=client_credentials}; the client authenticates with
 * HTTP Basic or form fields (RFC 6749 section 2.3.1). Answers {@code access_token}, {@code token_type},
 * {@code expires_in} and {@code scope}, and RFC 6749 section 5.2 errors.
 */
final class SapTokenEndpoint {

  private final SapSandboxSettings settings;
  private final AccessTokenMint mint;

  SapTokenEndpoint(SandboxContext context, SapSandboxSettings settings) {
    this.settings = settings;
    this.mint = new AccessTokenMint(context, 0x5A9L);
  }

  void handle(HttpExchange ex) throws IOException {
    if (!ex.getRequestMethod().equals("POST")) {
      SandboxHttp.send(ex, error(400, "invalid_request", "the token endpoint only accepts POST"));
      return;
    }
    Map<String, String> form = SandboxHttp.form(SandboxHttp.body(ex));
    String id = form.get("client_id");
    String secret = form.get("client_secret");
    String basic = ex.getRequestHeaders().getFirst("Authorization");
    if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
      String pair = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      id = java.net.URLDecoder.decode(pair.substring(0, Math.max(colon, 0)), StandardCharsets.UTF_8);
      secret = java.net.URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8);
    }
    if (!"client_credentials".equals(form.get("grant_type"))) {
      SandboxHttp.send(ex, error(400, "unsupported_grant_type", "grant type not supported"));
      return;
    }
    if (!settings.clientId().equals(id) || !settings.clientSecret().equals(secret)) {
      SandboxHttp.send(ex, error(401, "invalid_client", "Client authentication failed"));
      return;
    }
    String token = mint.issue("", 32);
    SandboxHttp.send(ex, VendorResponse.json(200, "{\"access_token\":\"" + token
        + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"\"}"));
  }

  private static VendorResponse error(int status, String code, String description) {
    return VendorResponse.json(status, "{\"error\":\"" + code + "\",\"error_description\":\"" + description + "\"}");
  }
}
