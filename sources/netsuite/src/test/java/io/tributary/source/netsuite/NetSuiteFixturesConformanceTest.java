package io.tributary.source.netsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.auth.OAuth1Auth;
import io.tributary.auth.OAuth1Credentials;
import io.tributary.auth.OAuth1Signer;
import io.tributary.core.ColumnType;
import io.tributary.http.ErrorClass;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every NetSuite fixture in ../shared/fixtures/netsuite through this package's parsers, plus this package's own
 * fixtures (so a clone without ../shared still tests parsing). Expected values are read off the files by hand.
 */
@Tag("unit")
class NetSuiteFixturesConformanceTest {

  private static final Path SHARED = Path.of("..", "shared", "fixtures", "netsuite");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (a, b) -> true);

  private static Path shared(String file) {
    Path p = SHARED.resolve(file);
    assumeTrue(Files.exists(p), "../shared/fixtures/netsuite is absent; shared fixture " + file + " skipped");
    return p;
  }

  @Test
  void trayAiSuiteQlEnvelopeParses() throws Exception {
    try (InputStream in = Files.newInputStream(shared("vendor_doc_suiteql_response_tray_ai.json"))) {
      SuiteQlPage page = SuiteQlPage.parse(in);
      assertThat(page.count()).isEqualTo(3);
      assertThat(page.hasMore()).isFalse();
      assertThat(page.offset()).isZero();
      assertThat(page.totalResults()).isEqualTo(3);
      assertThat(page.nextHref()).isNull();
      assertThat(page.items()).extracting(i -> i.get("id")).containsExactly("1234", "5678", "9012");
      assertThat(page.items().get(2)).containsEntry("companyname", "Apex Solutions").doesNotContainKey("links");
    }
  }

  @Test
  void recordedSuiteQlErrorsAreConfigErrorsWithTheVendorsWords() throws Exception {
    NetSuiteErrors errors = new NetSuiteErrors();
    var unknown = errors.classify(400, NO_HEADERS,
        Files.readString(shared("recorded_error_400_suiteql_unknown_identifier.json")));
    assertThat(unknown.errorClass()).isEqualTo(ErrorClass.CONFIG);
    assertThat(unknown.vendorMessage()).contains("Unknown identifier 'subsidiary'");
    assertThat(unknown.hint()).contains("Records Catalog");
    var type = errors.classify(400, NO_HEADERS,
        Files.readString(shared("recorded_error_400_suiteql_invalid_search_type.json")));
    assertThat(type.errorClass()).isEqualTo(ErrorClass.CONFIG);
    assertThat(type.vendorMessage()).contains("Invalid search type: Email.");
    assertThat(NetSuiteErrors.codes(Files.readString(shared("recorded_error_400_suiteql_invalid_search_type.json"))))
        .containsExactly("INVALID_PARAMETER");
  }

  @Test
  void documentedRecordCollectionPageKeepsItsNextLink() throws Exception {
    String text = Files.readString(shared("doc_record_collection_paging_response_partial.txt"));
    // The stored copy is truncated after the links: parse the complete links array it does hold.
    int start = text.indexOf("\"links\"");
    int end = text.indexOf(']', start) + 1;
    SuiteQlPage page = SuiteQlPage.parse(new ByteArrayInputStream(("{" + text.substring(start, end) + "}").getBytes()));
    assertThat(page.nextHref())
        .isEqualTo("https://demo123.suitetalk.api.netsuite.com/services/rest/record/v1/account?limit=2&offset=2");
  }

  @Test
  void documentedSuiteQlRequestMatchesWhatTheClientSends() throws Exception {
    String doc = Files.readString(shared("doc_suiteql_request.txt"));
    assertThat(doc).contains("POST https://demo123.suitetalk.api.netsuite.com" + NetSuiteClient.PATH)
        .contains("Prefer: transient").contains("maximum of 100,000 results");
    assertThat(NetSuiteClient.MAX_RESULTS).isEqualTo(100_000);
    assertThat(NetSuiteClient.MAX_LIMIT).isEqualTo(1000);
  }

  @Test
  void publishedTbaVectorsReproduceAndSuiteQlSignsLimitAndOffsetButNotRealm() throws Exception {
    JsonNode v = JSON.readTree(shared("tba_oauth1_hmac_sha256_test_vectors.json").toFile());
    JsonNode in = v.get("inputs");
    for (JsonNode c : v.get("cases")) {
      Map<String, String> oauth = Map.of("oauth_consumer_key", in.get("oauth_consumer_key").asText(),
          "oauth_nonce", in.get("oauth_nonce").asText(), "oauth_signature_method", "HMAC-SHA256",
          "oauth_timestamp", in.get("oauth_timestamp").asText(), "oauth_token", in.get("oauth_token").asText(),
          "oauth_version", "1.0");
      String base = OAuth1Signer.baseString(c.get("method").asText(), URI.create(c.get("url").asText()), oauth,
          Map.of());
      assertThat(base).as(c.get("name").asText()).isEqualTo(c.get("base_string").asText());
      String expected = c.has("oauth_signature") ? c.get("oauth_signature").asText()
          : c.get("oauth_signature_computed_only").asText();
      assertThat(OAuth1Signer.signature(base, in.get("consumer_secret").asText(), in.get("token_secret").asText()))
          .isEqualTo(expected);
    }
    OAuth1Auth auth = new OAuth1Auth(new OAuth1Credentials(in.get("oauth_consumer_key").asText(),
        in.get("consumer_secret").asText(), in.get("oauth_token").asText(), in.get("token_secret").asText(),
        in.get("realm").asText()), () -> in.get("oauth_nonce").asText(), () -> in.get("oauth_timestamp").asLong());
    URI suiteql = URI.create("https://123456.suitetalk.api.netsuite.com" + NetSuiteClient.PATH + "?limit=1000&offset=2000");
    String header = auth.authorizationHeader("POST", suiteql, Map.of());
    Map<String, String> oauth = Map.of("oauth_consumer_key", in.get("oauth_consumer_key").asText(),
        "oauth_nonce", in.get("oauth_nonce").asText(), "oauth_signature_method", "HMAC-SHA256",
        "oauth_timestamp", in.get("oauth_timestamp").asText(), "oauth_token", in.get("oauth_token").asText(),
        "oauth_version", "1.0");
    String base = OAuth1Signer.baseString("POST", suiteql, oauth, Map.of());
    assertThat(base).contains("limit%3D1000").contains("offset%3D2000").doesNotContain("realm");
    assertThat(header).startsWith("OAuth realm=\"123456\"").contains("oauth_signature=\"" + OAuth1Signer.encode(
        OAuth1Signer.signature(base, in.get("consumer_secret").asText(), in.get("token_secret").asText())) + "\"");
  }

  @Test
  void ownPageFixtureConvertsLocalDatetimesExactly() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/source/netsuite/suiteql_page_customers.json")) {
      SuiteQlPage page = SuiteQlPage.parse(in);
      assertThat(page.hasMore()).isTrue();
      assertThat(page.totalResults()).isEqualTo(5);
      NetSuiteValues values = new NetSuiteValues(NetSuiteStreams.resolve("customers", Map.of()),
          ZoneId.of("America/Los_Angeles"));
      Map<String, Object> first = values.fields(page.items().get(0));
      assertThat(first.get("id")).isEqualTo(7L);
      assertThat(first.get("balance")).isEqualTo("1234.50");
      assertThat(first.get("lastmodifieddate")).isEqualTo(Instant.parse("2024-07-04T19:00:05Z"));
      // 01:30 on the day PDT ends happens twice; the earlier instant (PDT, UTC-7) is chosen.
      assertThat(values.fields(page.items().get(1)).get("lastmodifieddate"))
          .isEqualTo(Instant.parse("2024-11-03T08:30:00Z"));
      assertThat(values.value("1/15/2024", ColumnType.TIMESTAMP)).as("unparsed stays raw for quarantine")
          .isEqualTo("1/15/2024");
    }
  }

  @Test
  void ownConcurrencyErrorIsTransientAndLoginWordingToo() throws Exception {
    NetSuiteErrors errors = new NetSuiteErrors();
    String body = new String(getClass().getResourceAsStream("/source/netsuite/error_429_concurrency.json")
        .readAllBytes());
    assertThat(errors.classify(429, NO_HEADERS, body).errorClass()).isEqualTo(ErrorClass.TRANSIENT);
    String login = "{\"type\":\"https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2\",\"title\":\"Unauthorized\","
        + "\"status\":401,\"o:errorDetails\":[{\"detail\":\"Invalid login attempt.\",\"o:errorCode\":\"INVALID_LOGIN\"}]}";
    assertThat(errors.classify(401, NO_HEADERS, login).errorClass()).isEqualTo(ErrorClass.TRANSIENT);
    assertThat(errors.classify(403, NO_HEADERS, "{}").errorClass()).isEqualTo(ErrorClass.AUTH);
    assertThat(List.of(errors.classify(503, NO_HEADERS, "").errorClass())).containsExactly(ErrorClass.TRANSIENT);
  }
}
