package io.tributary.source.ga4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.auth.JwtAssertion;
import io.tributary.auth.JwtBearerAuth;
import io.tributary.auth.PemKeys;
import io.tributary.auth.TokenEndpoint;
import io.tributary.core.TributaryException;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Google's service-account flow ("Using OAuth 2.0 for Server to Server Applications", developers.google.com): an RS256
 * JWT with iss = the key file's {@code client_email}, {@code scope}, aud = the token URI, iat and exp one hour
 * apart at most, posted as the RFC 7523 jwt-bearer grant ({@link JwtBearerAuth}). No refresh token: a new assertion
 * is signed on expiry.
 */
final class Ga4ServiceAccountAuth {

  static final String SCOPE = "https://www.googleapis.com/auth/analytics.readonly";
  static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";
  /** Google's limit for a service-account assertion: exp at most one hour after iat. */
  private static final Duration LIFETIME = Duration.ofHours(1);

  private Ga4ServiceAccountAuth() {}

  /**
   * @param keyFileJson the service account's JSON key file
   * @param tokenUrl overrides the key file's {@code token_uri} (the simulator), or null
   */
  static JwtBearerAuth fromKeyFile(String keyFileJson, String tokenUrl) {
    return fromKeyFile(keyFileJson, tokenUrl, Clock.systemUTC());
  }

  /** With the clock that stamps the assertion's {@code iat} and {@code exp}: tests pass the simulator's. */
  static JwtBearerAuth fromKeyFile(String keyFileJson, String tokenUrl, Clock clock) {
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
    JwtAssertion assertion = new JwtAssertion(key.path("client_email").asText(), null, uri,
        PemKeys.rsaPrivateKey(key.path("private_key").asText()), LIFETIME, clock, Map.of("scope", SCOPE));
    return new JwtBearerAuth(TokenEndpoint.create(Ga4Client.TOKEN, URI.create(uri)), assertion);
  }
}
