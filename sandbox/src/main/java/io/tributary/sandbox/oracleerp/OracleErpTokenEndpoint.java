package io.tributary.sandbox.oracleerp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tributary.sandbox.AccessTokenMint;
import io.tributary.sandbox.SandboxContext;
import io.tributary.sandbox.SandboxHttp;
import io.tributary.sandbox.VendorResponse;
import java.text.ParseException;
import java.util.Date;
import java.util.Map;

/**
 * POST {@code /oauth2/v1/token} of the identity domain in front of Fusion, for the OAuth 2.0 JWT bearer grant
 * ({@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer}, RFC 7523): the assertion's {@code iss} must be the
 * client id, {@code sub} the integration user and {@code exp} in the future; client authentication by Basic header is
 * checked when sent. Signatures are not verified: the simulator holds no trusted certificate. Answers
 * {@code access_token, token_type, expires_in}, or an RFC 6749 error body.
 */
record OracleErpTokenEndpoint(SandboxContext context, OracleErpSandboxSettings settings, AccessTokenMint mint) {

  static final String JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  private static final ObjectMapper JSON = new ObjectMapper();

  OracleErpTokenEndpoint(SandboxContext context, OracleErpSandboxSettings settings) {
    this(context, settings, new AccessTokenMint(context, 0x0E4FL));
  }

  VendorResponse token(String authorization, String body) {
    Map<String, String> form = SandboxHttp.form(body);
    String[] client = SandboxHttp.basicCredentials(authorization);
    if (client != null && !client[0].equals(settings.clientId())) {
      return error(401, "invalid_client", "Client authentication failed.");
    }
    if (!JWT_GRANT.equals(form.get("grant_type"))) {
      return error(400, "unsupported_grant_type", "The grant type is not supported: use " + JWT_GRANT + ".");
    }
    JWTClaimsSet claims;
    try {
      claims = SignedJWT.parse(form.getOrDefault("assertion", "")).getJWTClaimsSet();
    } catch (ParseException e) {
      return error(400, "invalid_grant", "The assertion is not a signed JWT.");
    }
    if (!settings.clientId().equals(claims.getIssuer())) {
      return error(400, "invalid_grant", "The assertion issuer is not a trusted client.");
    }
    if (!settings.user().equals(claims.getSubject())) {
      return error(400, "invalid_grant", "The assertion subject is not a user of this identity domain.");
    }
    Date exp = claims.getExpirationTime();
    if (exp == null || !exp.toInstant().isAfter(context.clock().now())) {
      return error(400, "invalid_grant", "The assertion has expired.");
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("access_token", mint.issue("eyJ4NXQjUzI1NiI6Ik9S", 48));
    out.put("token_type", "Bearer");
    java.time.Duration life = context.tokens().lifetime();
    out.put("expires_in", life == null ? 3600 : life.toSeconds());
    return VendorResponse.json(200, out.toString());
  }

  private static VendorResponse error(int status, String code, String description) {
    ObjectNode out = JSON.createObjectNode();
    out.put("error", code);
    out.put("error_description", description);
    return VendorResponse.json(status, out.toString());
  }
}
