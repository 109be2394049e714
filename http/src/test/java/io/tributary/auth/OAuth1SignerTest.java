package io.tributary.auth;

import static io.tributary.http.LoopbackServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.http.HttpCall;
import io.tributary.http.LoopbackServer;
import io.tributary.http.ResilientHttpClient;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("sandbox")
class OAuth1SignerTest {

  @Test
  void reproducesOurOwnVectorComputedWithOpenssl() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/auth/oauth1_tributary_vector.json")) {
      assertThat(OAuth1VectorAssertions.assertAll(new ObjectMapper().readTree(in))).isEqualTo(1);
    }
  }

  @Test
  void realmIsNotSignedAndFormFieldsAre() {
    URI uri = URI.create("https://example.com/a?b=1");
    Map<String, String> oauth = Map.of("oauth_nonce", "n", "realm", "123");
    assertThat(OAuth1Signer.baseString("post", uri, oauth, Map.of("c", "x y")))
        .isEqualTo("POST&https%3A%2F%2Fexample.com%2Fa&b%3D1%26c%3Dx%2520y%26oauth_nonce%3Dn");
    assertThat(OAuth1Signer.encode("a+b/c~d é")).isEqualTo("a%2Bb%2Fc~d%20%C3%A9");
  }

  @Test
  void signsWhatTheClientSendsIncludingQueryParameters() throws Exception {
    try (LoopbackServer server = new LoopbackServer()) {
      server.script("/services/rest/query/v1/suiteql", json("{\"items\":[],\"hasMore\":false}"));
      OAuth1Credentials creds = new OAuth1Credentials("ck", "cs", "tk", "ts", "123456_SB1");
      OAuth1Auth auth = new OAuth1Auth(creds, () -> "fixednonce", () -> 1700000000L);
      ResilientHttpClient client = ResilientHttpClient.builder(server.fastSettings("netsuite")).auth(auth).build();
      client.sendForText(HttpCall.post("/services/rest/query/v1/suiteql").query("limit", 1000).query("offset", 0)
          .header("Prefer", "transient").json("{\"q\":\"SELECT id FROM customer\"}"));
      String header = server.seen.get(0).header("Authorization");
      URI sent = server.uri().resolve("/services/rest/query/v1/suiteql?limit=1000&offset=0");
      String expected = OAuth1Signer.encode(OAuth1Signer.signature(OAuth1Signer.baseString("POST", sent,
          Map.of("oauth_consumer_key", "ck", "oauth_token", "tk", "oauth_signature_method", "HMAC-SHA256",
              "oauth_timestamp", "1700000000", "oauth_nonce", "fixednonce", "oauth_version", "1.0"), Map.of()),
          "cs", "ts"));
      assertThat(header).startsWith("OAuth realm=\"123456_SB1\",oauth_consumer_key=\"ck\"")
          .endsWith("oauth_signature=\"" + expected + "\"");
      assertThat(OAuth1Auth.randomNonce()).hasSize(20).matches("[A-Za-z0-9]+");
    }
  }
}
