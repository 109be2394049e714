package io.tributary.auth;

import static io.tributary.http.LoopbackServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.tributary.http.LoopbackServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("sandbox")
class JwtBearerAuthTest {

  private static KeyPair keys;

  @BeforeAll
  static void generateKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    keys = g.generateKeyPair();
  }

  @Test
  void assertionIsRs256SignedWithTheExpectedClaims() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
    String jwt = new JwtAssertion("3MVG9-consumer-key", "etl@acme.com", "https://login.salesforce.com",
        keys.getPrivate(), java.time.Duration.ofMinutes(3), clock).sign();
    SignedJWT parsed = SignedJWT.parse(jwt);
    assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(parsed.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic()))).isTrue();
    var claims = parsed.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("3MVG9-consumer-key");
    assertThat(claims.getSubject()).isEqualTo("etl@acme.com");
    assertThat(claims.getAudience()).isEqualTo(List.of("https://login.salesforce.com"));
    assertThat(claims.getExpirationTime().toInstant()).isEqualTo(Instant.parse("2025-03-01T10:03:00Z"));
  }

  @Test
  void tokenCallPostsTheGrantAndExposesInstanceUrl() throws Exception {
    try (LoopbackServer server = new LoopbackServer()) {
      server.script("/services/oauth2/token", json("{\"access_token\":\"00Dxx!AQ\",\"scope\":\"api\","
          + "\"instance_url\":\"https://acme.my.salesforce.com\",\"id\":\"https://login.salesforce.com/id/00D/005\","
          + "\"token_type\":\"Bearer\",\"issued_at\":\"1700000000000\",\"signature\":\"abc=\"}"));
      TokenEndpoint endpoint = TokenEndpoint.create(server.fastSettings("salesforce"),
          server.uri().resolve("/services/oauth2/token"));
      JwtBearerAuth auth = new JwtBearerAuth(endpoint, "3MVG9", "etl@acme.com", "https://login.salesforce.com",
          keys.getPrivate());
      TokenResponse r = auth.tokenResponse();
      assertThat(r.instanceUrl()).contains("https://acme.my.salesforce.com");
      assertThat(r.field("issued_at")).contains("1700000000000");
      assertThat(r.expiresIn()).isEmpty();
      String body = server.seen.get(0).body();
      assertThat(body).startsWith("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=");
      String assertion = URLDecoder.decode(body.substring(body.indexOf("assertion=") + 10), StandardCharsets.UTF_8);
      SignedJWT sent = SignedJWT.parse(assertion);
      assertThat(sent.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic()))).isTrue();
      assertThat(sent.getJWTClaimsSet().getSubject()).isEqualTo("etl@acme.com");
    }
  }

  @Test
  void readsPkcs8AndPkcs1Pem() {
    byte[] pkcs8 = keys.getPrivate().getEncoded();
    String pem8 = pem("PRIVATE KEY", pkcs8);
    assertThat(PemKeys.rsaPrivateKey(pem8).getEncoded()).isEqualTo(pkcs8);
    // A 2048-bit PKCS#8 RSA key is 30 82 LL LL | 02 01 00 | 15-byte AlgorithmIdentifier | 04 82 LL LL | PKCS#1
    assertThat(pkcs8[22]).isEqualTo((byte) 0x04);
    byte[] pkcs1 = java.util.Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
    assertThat(PemKeys.rsaPrivateKey(pem("RSA PRIVATE KEY", pkcs1)).getEncoded()).isEqualTo(pkcs8);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
