package io.tributary.sandbox.salesforce;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.util.Date;

/** A tiny loopback client for the sandbox ITs (the real HTTP client lives in io.tributary.http). */
final class SalesforceSandboxClient {

  static final String VERSION = "58.0";
  static final KeyPair KEYS = keys();

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final String base;
  String token;

  SalesforceSandboxClient(String base) {
    this.base = base;
  }

  static String jwt(SalesforceSandboxSettings s, Date exp) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
          .issuer(s.clientId()).subject(s.username()).audience(s.audience()).expirationTime(exp).build());
      jwt.sign(new RSASSASigner((RSAPrivateKey) KEYS.getPrivate()));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> token(String form) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(base + "/services/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  String login(SalesforceSandboxSettings s) throws IOException, InterruptedException {
    HttpResponse<String> r = token("grant_type=" + enc(SalesforceOAuthEndpoint.JWT_GRANT) + "&assertion="
        + enc(jwt(s, new Date(System.currentTimeMillis() + 3_600_000))));
    if (r.statusCode() != 200) {
      throw new IllegalStateException("login failed: " + r.body());
    }
    token = r.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    return r.body();
  }

  HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return http.send(request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<java.io.InputStream> getStream(String pathAndQuery) throws IOException, InterruptedException {
    return http.send(request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  HttpResponse<String> query(String resource, String soql) throws IOException, InterruptedException {
    return get("/services/data/v" + VERSION + "/" + resource + "?q=" + enc(soql));
  }

  HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
    return http.send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(20));
    return token == null ? b : b.header("Authorization", "Bearer " + token);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static KeyPair keys() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
