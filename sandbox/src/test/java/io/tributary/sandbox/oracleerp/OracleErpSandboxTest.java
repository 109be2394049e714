package io.tributary.sandbox.oracleerp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tributary.sandbox.SandboxDataset;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Oracle ERP Cloud simulator against the documented collection examples ("Navigate a Collection": items,
 * totalResults only with totalResults=true, count, hasMore, limit, offset, links; default page 25), q filters in both
 * framework syntaxes, fields/onlyData/orderBy, the ADF error payload from framework version 4, and both
 * authentications. Expected rows come from the dataset's row states.
 */
@Tag("sandbox")
class OracleErpSandboxTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OracleErpSandboxSettings S = OracleErpSandboxSettings.defaults();

  private final HttpClient http = HttpClient.newHttpClient();
  private SandboxServer sandbox;

  @BeforeEach
  void start() {
    sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(OracleErpSandbox.platform()).withRows(250)
        .withFaults("expire-token-after:600s"));
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void offsetPagingWalksTheCollectionWithHasMoreAndTotalResults() throws Exception {
    List<Long> ids = new ArrayList<>();
    List<Boolean> more = new ArrayList<>();
    for (int offset = 0; ; offset += 100) {
      JsonNode page = json(get("/invoices?limit=100&offset=" + offset + "&totalResults=true&onlyData=true", 1));
      List<String> names = new ArrayList<>();
      page.fieldNames().forEachRemaining(names::add);
      assertThat(names).containsExactly("items", "totalResults", "count", "hasMore", "limit", "offset", "links");
      assertThat(page.path("totalResults").asLong()).isEqualTo(250);
      assertThat(page.path("offset").asLong()).isEqualTo(offset);
      assertThat(page.path("count").asInt()).isEqualTo(page.path("items").size());
      page.path("items").forEach(i -> {
        ids.add(i.path("InvoiceId").asLong());
        assertThat(i.has("links")).isFalse();
      });
      more.add(page.path("hasMore").asBoolean());
      if (!page.path("hasMore").asBoolean()) {
        break;
      }
    }
    assertThat(more).containsExactly(true, true, false);
    List<Long> expected = sandbox.dataset().rows("invoices").map(s -> OracleErpCatalog.ID_BASE + s.index() + 1)
        .toList();
    assertThat(ids).containsExactlyElementsOf(expected);

    JsonNode firstPage = json(get("/invoices", 1));
    assertThat(firstPage.has("totalResults")).isFalse();
    assertThat(firstPage.path("limit").asInt()).isEqualTo(25);
    assertThat(firstPage.path("items").get(0).path("links").get(0).path("rel").asText()).isEqualTo("self");
    assertThat(firstPage.path("items").get(0).path("LastUpdateDate").asText())
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+00:00");
    assertThat(json(get("/suppliers?limit=1000", 1)).path("limit").asInt()).isEqualTo(S.maxLimit());
  }

  @Test
  void qFiltersOnLastUpdateDateInBothFrameworkSyntaxes() throws Exception {
    Instant after = SandboxDataset.DEFAULT_EPOCH.plusSeconds(20);
    sandbox.dataset().touch("purchaseOrders", 12, 13, SandboxDataset.DEFAULT_EPOCH.plusSeconds(500));
    List<Long> expected = sandbox.dataset().rows("purchaseOrders").filter(s -> s.modifiedAt().isAfter(after))
        .filter(s -> s.index() + 1 >= 10).map(s -> OracleErpCatalog.ID_BASE + s.index() + 1).toList();
    assertThat(expected).contains(OracleErpCatalog.ID_BASE + 13).hasSizeLessThan(250);

    String v2 = "LastUpdateDate > '2024-01-01T00:00:20+00:00' and POHeaderId >= " + (OracleErpCatalog.ID_BASE + 10);
    String v1 = "LastUpdateDate>2024-01-01T00:00:20Z;POHeaderId>=" + (OracleErpCatalog.ID_BASE + 10);
    assertThat(allIds("purchaseOrders", "POHeaderId", v2, 2)).containsExactlyElementsOf(expected);
    assertThat(allIds("purchaseOrders", "POHeaderId", v1, 1)).containsExactlyElementsOf(expected);
  }

  @Test
  void fieldsSelectAttributesAndOrderBySorts() throws Exception {
    JsonNode page = json(get("/suppliers?fields=SupplierId,Supplier&limit=3&orderBy=SupplierId:desc", 2));
    List<String> names = new ArrayList<>();
    page.path("items").get(0).fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("SupplierId", "Supplier", "links");
    assertThat(page.path("items").get(0).path("SupplierId").asLong()).isEqualTo(OracleErpCatalog.ID_BASE + 250);
    assertThat(page.path("items").get(0).path("Supplier").asText()).isEqualTo(OracleErpCatalog.supplierName(249));
    assertThat(page.path("items").get(2).path("SupplierId").asLong()).isEqualTo(OracleErpCatalog.ID_BASE + 248);
  }

  @Test
  void errorsAreTextBeforeFrameworkVersion4AndTheAdfPayloadFrom4() throws Exception {
    HttpResponse<String> v1 = get("/invoices?q=" + enc("ShoeSize>3"), 1);
    assertThat(v1.statusCode()).isEqualTo(400);
    assertThat(v1.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
    assertThat(v1.body()).contains("ShoeSize");
    HttpResponse<String> v4 = get("/invoices?q=" + enc("ShoeSize>3"), 4);
    assertThat(v4.statusCode()).isEqualTo(400);
    assertThat(v4.headers().firstValue("Content-Type")).get().isEqualTo("application/vnd.oracle.adf.error+json");
    JsonNode error = JSON.readTree(v4.body());
    assertThat(error.path("title").asText()).isEqualTo("Bad Request");
    assertThat(error.path("status").asText()).isEqualTo("400");
    assertThat(error.path("o:errorDetails").get(0).path("detail").asText()).contains("ShoeSize");
    assertThat(get("/invoices?fields=Nope", 4).statusCode()).isEqualTo(400);
    assertThat(get("/journals", 4).statusCode()).isEqualTo(404);
    assertThat(send(HttpRequest.newBuilder(uri("/invoices")).GET()).statusCode()).isEqualTo(401);
    assertThat(send(HttpRequest.newBuilder(uri("/invoices")).header("Authorization", basic(S.user() + ":wrong"))
        .GET()).statusCode()).isEqualTo(401);
  }

  @Test
  void aJwtBearerAssertionBuysATokenThatExpires() throws Exception {
    HttpResponse<String> granted = token(assertion(S.clientId(), S.user(), 300));
    assertThat(granted.statusCode()).isEqualTo(200);
    JsonNode t = JSON.readTree(granted.body());
    assertThat(t.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(t.path("expires_in").asLong()).isEqualTo(600);
    HttpRequest.Builder read = HttpRequest.newBuilder(uri("/invoices?limit=1"))
        .header("Authorization", "Bearer " + t.path("access_token").asText());
    assertThat(send(read.GET()).statusCode()).isEqualTo(200);
    sandbox.clock().advance(Duration.ofSeconds(601));
    assertThat(send(read.GET()).statusCode()).isEqualTo(401);

    assertThat(JSON.readTree(token(assertion("someone-else", S.user(), 300)).body()).path("error").asText())
        .isEqualTo("invalid_grant");
    assertThat(token(assertion(S.clientId(), S.user(), -60)).statusCode()).isEqualTo(400);
  }

  @Test
  void injectedFaultsCarryRetryAfter() {
    assertThat(OracleErpErrors.fault(503).headers()).containsEntry("Retry-After", "1");
    assertThat(OracleErpErrors.fault(500).status()).isEqualTo(500);
  }

  private List<Long> allIds(String resource, String key, String q, int version) throws Exception {
    List<Long> out = new ArrayList<>();
    for (int offset = 0; ; offset += 50) {
      JsonNode page = json(get("/" + resource + "?onlyData=true&limit=50&offset=" + offset + "&q=" + enc(q), version));
      page.path("items").forEach(i -> out.add(i.path(key).asLong()));
      if (!page.path("hasMore").asBoolean()) {
        return out;
      }
    }
  }

  private String assertion(String issuer, String subject, int secondsToLive) throws Exception {
    Instant now = sandbox.clock().now();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().issuer(issuer)
        .subject(subject).audience("https://identity.oraclecloud.com/").issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(secondsToLive))).build());
    jwt.sign(new MACSigner(new byte[32]));
    return jwt.serialize();
  }

  private HttpResponse<String> token(String assertion) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + OracleErpSandboxSettings.TOKEN_PATH))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=" + enc(OracleErpTokenEndpoint.JWT_GRANT)
            + "&assertion=" + enc(assertion) + "&scope=" + enc("urn:opc:resource:consumer::all"))));
  }

  private JsonNode json(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> get(String path, int frameworkVersion) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(S.user() + ":" + S.password()))
        .header("REST-Framework-Version", Integer.toString(frameworkVersion)).GET());
  }

  private URI uri(String path) {
    return URI.create(sandbox.baseUrl() + OracleErpSandboxSettings.ROOT + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String basic(String pair) {
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }
}
