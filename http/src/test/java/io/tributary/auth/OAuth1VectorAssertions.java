package io.tributary.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;

/** Checks one vectors file (NetSuite fixture format) against OAuth1Signer and OAuth1Auth. */
final class OAuth1VectorAssertions {

  private OAuth1VectorAssertions() {}

  static int assertAll(JsonNode doc) {
    JsonNode in = doc.get("inputs");
    Map<String, String> oauth = new java.util.LinkedHashMap<>();
    for (String k : new String[] {"oauth_consumer_key", "oauth_token", "oauth_signature_method", "oauth_timestamp",
        "oauth_nonce", "oauth_version"}) {
      oauth.put(k, in.get(k).asText());
    }
    assertThat(OAuth1Signer.encode(in.get("consumer_secret").asText()) + "&"
        + OAuth1Signer.encode(in.get("token_secret").asText())).isEqualTo(doc.get("signing_key").asText());
    int checked = 0;
    for (JsonNode c : doc.get("cases")) {
      String name = c.get("name").asText();
      URI uri = URI.create(c.get("url").asText());
      String base = OAuth1Signer.baseString(c.get("method").asText(), uri, oauth, Map.of());
      assertThat(base).as(name + " base string").isEqualTo(c.get("base_string").asText());
      String expected = c.has("oauth_signature") ? c.get("oauth_signature").asText()
          : c.get("oauth_signature_computed_only").asText();
      String signature = OAuth1Signer.signature(base, in.get("consumer_secret").asText(),
          in.get("token_secret").asText());
      assertThat(signature).as(name + " signature").isEqualTo(expected);
      if (c.has("oauth_signature_header_encoded")) {
        assertThat(OAuth1Signer.encode(signature)).isEqualTo(c.get("oauth_signature_header_encoded").asText());
      }
      if (c.has("authorization_header")) {
        String header = c.get("authorization_header").asText();
        String realm = header.replaceAll("^OAuth realm=\"([^\"]*)\".*$", "$1");
        OAuth1Credentials creds = new OAuth1Credentials(in.get("oauth_consumer_key").asText(),
            in.get("consumer_secret").asText(), in.get("oauth_token").asText(), in.get("token_secret").asText(),
            realm);
        OAuth1Auth auth = new OAuth1Auth(creds, () -> in.get("oauth_nonce").asText(),
            () -> in.get("oauth_timestamp").asLong());
        assertThat(auth.authorizationHeader(c.get("method").asText(), uri, Map.of())).as(name + " header")
            .isEqualTo(header);
      }
      checked++;
    }
    return checked;
  }
}
