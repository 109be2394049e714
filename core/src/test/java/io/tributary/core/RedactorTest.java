package io.tributary.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RedactorTest {

  @Test
  void masksSecretQueryParametersOnly() {
    URI uri = URI.create("https://api.example.com/v1/items?limit=10&access_token=abc&hapikey=k1&sig=s1"
        + "&oauth_signature=x%2By&offset=20&api_key=z&after=MjA%3D");
    assertThat(Redactor.url(uri)).isEqualTo("https://api.example.com/v1/items?limit=10&access_token=***"
        + "&hapikey=***&sig=***&oauth_signature=***&offset=20&api_key=***&after=MjA%3D");
    assertThat(Redactor.path(uri)).isEqualTo("/v1/items");
  }

  @Test
  void masksFormFields() {
    assertThat(Redactor.form("grant_type=refresh_token&refresh_token=r1&client_id=c&client_secret=s&password=p"
        + "&assertion=eyJ&apikey=q"))
        .isEqualTo("grant_type=refresh_token&refresh_token=***&client_id=c&client_secret=***&password=***"
            + "&assertion=***&apikey=***");
  }

  @Test
  void masksJsonFieldsByName() {
    String json = "{\"access_token\":\"a1\",\"instance_url\":\"https://x.my.salesforce.com\","
        + "\"signature\":\"sig\\\"x\",\"id\":\"005\",\"nested\":{\"clientSecret\":\"cs\"}}";
    assertThat(Redactor.json(json)).isEqualTo("{\"access_token\":\"***\",\"instance_url\":"
        + "\"https://x.my.salesforce.com\",\"signature\":\"***\",\"id\":\"005\",\"nested\":{\"clientSecret\":\"***\"}}");
  }

  @Test
  void masksFreeTextPairsAndBearerCredentials() {
    assertThat(Redactor.text("failed: token=abc123 for user=bob, header Bearer eyJhbGciOi.x.y"))
        .isEqualTo("failed: token=*** for user=bob, header Bearer ***");
  }

  @Test
  void masksCredentialHeaders() {
    HttpHeaders h = HttpHeaders.of(Map.of("Authorization", List.of("Bearer x"), "Cookie", List.of("sid=1"),
        "Set-Cookie", List.of("sid=2"), "X-API-Key", List.of("k"), "Accept", List.of("application/json")),
        (a, b) -> true);
    assertThat(Redactor.headers(h)).containsEntry("Authorization", "***").containsEntry("Cookie", "***")
        .containsEntry("Set-Cookie", "***").containsEntry("X-API-Key", "***")
        .containsEntry("Accept", "application/json");
  }

  @Test
  void secretNamesAreRecognised() {
    for (String n : List.of("token", "access_token", "refresh_token", "client_secret", "password", "secret",
        "signature", "oauth_signature", "api_key", "hapikey", "assertion", "sig", "apikey", "X-Api-Key")) {
      assertThat(Redactor.isSecretName(n)).as(n).isTrue();
    }
    for (String n : List.of("limit", "offset", "q", "after", "instance_url", "id", "signal")) {
      assertThat(Redactor.isSecretName(n)).as(n).isFalse();
    }
  }
}
