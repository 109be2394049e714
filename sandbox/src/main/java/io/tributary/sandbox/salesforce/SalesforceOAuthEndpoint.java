package io.tributary.sandbox.salesforce;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import io.tributary.sandbox.AccessTokenMint;
import io.tributary.sandbox.SandboxContext;
import io.tributary.sandbox.SandboxHttp;
import io.tributary.sandbox.VendorResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POST /services/oauth2/token for the JWT bearer, client_credentials and refresh_token grants. Answers like the
 * fixtures: access_token, instance_url (the sandbox), id, token_type, issued_at and signature (HMAC-SHA256 of
 * id + issued_at keyed by the client secret, as Salesforce documents), never a refresh token.
 */
record SalesforceOAuthEndpoint(SandboxContext context, SalesforceSandboxSettings settings, String orgId, String userId,
    AccessTokenMint mint) {

  static final String JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  SalesforceOAuthEndpoint(SandboxContext context, SalesforceSandboxSettings settings, String orgId, String userId) {
    this(context, settings, orgId, userId, new AccessTokenMint(context, 0x0A17L));
  }

  void handle(HttpExchange ex) throws IOException {
    if (!ex.getRequestMethod().equals("POST")) {
      SandboxHttp.send(ex, SalesforceJson.oauthError(400, "invalid_request", "must use HTTP POST"));
      return;
    }
    Map<String, String> form = SandboxHttp.form(SandboxHttp.body(ex));
    String grant = form.getOrDefault("grant_type", "");
    VendorResponse error = switch (grant) {
      case JWT_GRANT -> checkJwt(form.get("assertion"));
      case "client_credentials" -> checkClient(form);
      case "refresh_token" -> settings.refreshToken().equals(form.get("refresh_token"))
          && settings.clientId().equals(form.get("client_id")) ? null
          : SalesforceJson.oauthError(400, "invalid_grant", "expired access/refresh token");
      default -> SalesforceJson.oauthError(400, "unsupported_grant_type", "grant type not supported");
    };
    SandboxHttp.send(ex, error != null ? error : issue(grant.equals(JWT_GRANT)));
  }

  private VendorResponse checkJwt(String assertion) {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(assertion == null ? "" : assertion);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      return SalesforceJson.oauthError(400, "invalid_grant", "invalid assertion");
    }
    if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
      return SalesforceJson.oauthError(400, "invalid_grant", "invalid assertion");
    }
    if (!settings.clientId().equals(claims.getIssuer())) {
      return SalesforceJson.oauthError(400, "invalid_client_id", "client identifier invalid");
    }
    if (claims.getAudience() == null || !claims.getAudience().contains(settings.audience())) {
      return SalesforceJson.oauthError(400, "invalid_grant", "audience is invalid");
    }
    if (!settings.username().equals(claims.getSubject())) {
      return SalesforceJson.oauthError(400, "invalid_grant", "user hasn't approved this consumer");
    }
    Date exp = claims.getExpirationTime();
    if (exp == null || !exp.toInstant().isAfter(context.clock().now())) {
      return SalesforceJson.oauthError(400, "invalid_grant", "expired authorization code");
    }
    if (settings.publicKey() != null) {
      try {
        if (!jwt.verify(new RSASSAVerifier(settings.publicKey()))) {
          return SalesforceJson.oauthError(400, "invalid_grant", "invalid assertion");
        }
      } catch (JOSEException e) {
        return SalesforceJson.oauthError(400, "invalid_grant", "invalid assertion");
      }
    }
    return null;
  }

  private VendorResponse checkClient(Map<String, String> form) {
    if (settings.clientId().equals(form.get("client_id")) && settings.clientSecret().equals(form.get("client_secret"))) {
      return null;
    }
    return SalesforceJson.oauthError(400, "invalid_client", "invalid client credentials");
  }

  private VendorResponse issue(boolean jwt) {
    String token = mint.issue(orgId.substring(0, 15) + "!", 48);
    String base = context.baseUrl().get();
    String id = base + "/id/" + orgId + "/" + userId;
    String issuedAt = Long.toString(context.clock().now().toEpochMilli());
    String body = "{\"access_token\":\"" + token + "\",\"scope\":\"" + (jwt ? "web openid api id" : "api")
        + "\",\"instance_url\":\"" + base + "\",\"id\":\"" + id + "\",\"token_type\":\"Bearer\",\"issued_at\":\""
        + issuedAt + "\",\"signature\":\"" + signature(id + issuedAt) + "\"}";
    return VendorResponse.json(200, body);
  }

  private String signature(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(settings.clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
