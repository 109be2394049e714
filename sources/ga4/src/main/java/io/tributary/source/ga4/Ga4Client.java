package io.tributary.source.ga4;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.TributaryException;
import io.tributary.http.AuthProvider;
import io.tributary.http.HttpCall;
import io.tributary.http.HttpSettings;
import io.tributary.http.ResilientHttpClient;
import java.net.URI;

/** The one Data API call Tributary makes: {@code POST /v1beta/properties/{id}:runReport}. */
final class Ga4Client {

  /** The platform name of the token endpoint, as its failures name it. */
  static final String TOKEN = "ga4-oauth";

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
    try {
      return api.send(HttpCall.post(path).json(body), (status, headers, in) -> Ga4Response.parse(json, in));
    } catch (TributaryException e) {
      if (e.kind() != TributaryException.Kind.AUTH || e.getMessage() == null || !e.getMessage().contains(TOKEN)) {
        throw e;
      }
      // The token endpoint's generic hint speaks of refresh tokens; a service account only has its key.
      throw new TributaryException(e.kind(), e.getMessage(), "Google refused the service account's signed request:"
          + " credentials_json must be the JSON key of a service account that still exists, with a key that was not"
          + " deleted (IAM > Service accounts > Keys; create a new JSON key and update the referenced file), and"
          + " this machine's clock must be right", e);
    }
  }
}
