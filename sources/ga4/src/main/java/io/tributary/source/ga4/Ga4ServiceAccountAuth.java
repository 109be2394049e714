package io.tributary.source.ga4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tributary.auth.JwtBearerAuth;
import io.tributary.auth.OAuthTokenFlow;
import io.tributary.auth.PemKeys;
import io.tributary.auth.TokenEndpoint;
import io.tributary.core.TributaryException;
import java.io.IOException;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Google's service-account flow ("Using OAuth 2.0 for Server to Server Applications", developers.google.com): an RS256
 * JWT with iss = the key file's {@code client_email}, {@code scope}, aud = the token URI, iat and exp one hour
 * apart at most, posted as the RFC 7523 jwt-bearer grant. No refresh token: a new assertion is signed on expiry.
 */
final class Ga4ServiceAccountAuth extends OAuthTokenFlow {

  static final String SCOPE = "https://www.googleapis.com/auth/analytics.readonly";
  static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";

  private final String clientEmail;
  private final String audience;
  private final PrivateKey key;
  private final Clock clock;

  private Ga4ServiceAccountAuth(TokenEndpoint endpoint, String clientEmail, PrivateKey key, Clock clock) {
    super(endpoint, clock);
    this.clientEmail = clientEmail;
    this.audience = endpoint.uri().toString();
    this.key = key;
    this.clock = clock;
  }

  /**
   * @param keyFileJson the service account's JSON key file
   * @param tokenUrl overrides the key file's {@code token_uri} (the simulator), or null
   */
  static Ga4ServiceAccountAuth fromKeyFile(String keyFileJson, String tokenUrl) {
    JsonNode key;
    try {
      key = new ObjectMapper().readTree(keyFileJson);
    } catch (IOException e) {
      throw TributaryException.config("credentials_json is not a JSON document",
          "point credentials_json at the service account key file downloaded from Google Cloud console (IAM >"
              + " Service accounts > Keys > Add key > JSON)");
    }
    if (!"service_account".equals(key.path("type").asText()) || key.path("client_email").asText().isEmpty()
        || key.path("private_key").asText().isEmpty()) {
      throw TributaryException.config("credentials_json is not a service account key (needs type service_account,"
          + " client_email and private_key)", "create a JSON key for the service account and grant its e-mail"
          + " Viewer on the GA4 property (Admin > Property access management)");
    }
    String uri = tokenUrl != null && !tokenUrl.isBlank() ? tokenUrl
        : key.path("token_uri").asText(DEFAULT_TOKEN_URI);
    return new Ga4ServiceAccountAuth(TokenEndpoint.create(Ga4Client.TOKEN, URI.create(uri)),
        key.path("client_email").asText(), PemKeys.rsaPrivateKey(key.path("private_key").asText()),
        Clock.systemUTC());
  }

  @Override
  protected Map<String, String> tokenForm() {
    Instant now = clock.instant();
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientEmail).audience(audience).claim("scope", SCOPE)
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600))).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw TributaryException.config("cannot sign the service account assertion: " + e.getMessage(),
          "use the private_key of the downloaded JSON key file unchanged");
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", JwtBearerAuth.GRANT_TYPE);
    form.put("assertion", jwt.serialize());
    return form;
  }

  @Override
  public String toString() {
    return "Ga4ServiceAccountAuth{" + clientEmail + "}";
  }
}
