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
import java.util.Date;

/** Signs the RS256 JWT of the RFC 7523 bearer grant: iss, sub, aud and a short exp. */
public final class JwtAssertion {

  private final String issuer;
  private final String subject;
  private final String audience;
  private final PrivateKey key;
  private final Duration lifetime;
  private final Clock clock;

  public JwtAssertion(String issuer, String subject, String audience, PrivateKey key, Duration lifetime,
      Clock clock) {
    this.issuer = issuer;
    this.subject = subject;
    this.audience = audience;
    this.key = key;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /** A freshly signed compact JWT. */
  public String sign() {
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(subject)
        .audience(audience)
        .expirationTime(Date.from(clock.instant().plus(lifetime)))
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw TributaryException.config("cannot sign the JWT assertion: " + e.getMessage(),
          "use an RSA private key of at least 2048 bits");
    }
    return jwt.serialize();
  }

  @Override
  public String toString() {
    return "JwtAssertion{iss=" + issuer + ", aud=" + audience + "}";
  }
}
