package io.tributary.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tributary.core.TributaryException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * Signs the RS256 JWT of the RFC 7523 bearer grant: iss, sub (when there is one), aud, iat, a short exp, and any
 * platform claims (Google's service accounts add {@code scope}).
 *
 * @param subject the user the token acts for, or null (a Google service account acts as itself)
 * @param claims further claims, in the order given
 */
public record JwtAssertion(String issuer, String subject, String audience, PrivateKey key, Duration lifetime,
    Clock clock, Map<String, String> claims) {

  public JwtAssertion(String issuer, String subject, String audience, PrivateKey key, Duration lifetime,
      Clock clock) {
    this(issuer, subject, audience, key, lifetime, clock, Map.of());
  }

  /** A freshly signed compact JWT. */
  public String sign() {
    Instant now = clock.instant();
    JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(subject)
        .audience(audience)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(lifetime)));
    claims.forEach(builder::claim);
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), builder.build());
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw TributaryException.config("cannot sign the JWT assertion: " + e.getMessage(),
          "use an RSA private key of at least 2048 bits");
    }
    return jwt.serialize();
  }

  /** Never the key. */
  @Override
  public String toString() {
    return "JwtAssertion{iss=" + issuer + ", aud=" + audience + "}";
  }
}
