package io.tributary.source.ga4;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.http.AuthProvider;
import io.tributary.http.HttpCall;
import io.tributary.http.HttpSettings;
import io.tributary.http.ResilientHttpClient;
import java.net.URI;

/** The one Data API call Tributary makes: {@code POST /v1beta/properties/{id}:runReport}. */
final class Ga4Client {

  private final ResilientHttpClient api;
  private final ObjectMapper json;
  private final String path;

  Ga4Client(Ga4Config config, AuthProvider auth, ObjectMapper json) {
    URI base = URI.create(config.apiUrlOrDefault());
    HttpSettings settings = HttpSettings.defaults("ga4", base).withOverrides(config.httpOrEmpty());
    this.api = ResilientHttpClient.builder(settings).auth(auth).classifier(new Ga4Errors())
        .account("properties/" + config.propertyId()).build();
    this.json = json;
    this.path = "/v1beta/properties/" + config.propertyId() + ":runReport";
  }

  Ga4Response runReport(String body) {
    return api.send(HttpCall.post(path).json(body), (status, headers, in) -> Ga4Response.parse(json, in));
  }
}
