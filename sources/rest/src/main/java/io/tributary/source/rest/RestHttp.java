package io.tributary.source.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.tributary.core.Durations;
import io.tributary.http.AuthProvider;
import io.tributary.http.HttpCall;
import io.tributary.http.HttpSettings;
import io.tributary.http.ResilientHttpClient;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;

/**
 * The HTTP side of one REST source: the shared resilient client (retry with Retry-After, the definition's rate limit
 * as one permit per slice, circuit breaker, the job's {@code http:} overrides) with the definition's error rules.
 * Thread-safe; one per source.
 */
final class RestHttp {

  /** A parsed response: its JSON body (missing when empty) and headers. */
  record Response(JsonNode body, HttpHeaders headers) {}

  private final ResilientHttpClient client;
  private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private final URI base;
  private final RequestGate gate;

  RestHttp(RestDefinition def, JobValues values, AuthProvider auth, Clock clock) {
    this.base = URI.create(values.render(def.baseUrl()).replaceAll("/+$", ""));
    HttpSettings settings = HttpSettings.defaults(def.name(), base);
    if (def.rateLimit() != null && def.rateLimit().requests() != null) {
      // One permit per slice (not N per window): N permits refreshed per window can let 2N through one rolling window.
      long slice = Math.max(1, Durations.parse(def.rateLimit().per()).toMillis() / def.rateLimit().requests());
      settings = settings.withRateLimit(1, Duration.ofMillis(slice));
    }
    settings = settings.withOverrides(values.http());
    this.client = ResilientHttpClient.builder(settings).auth(auth).classifier(new RestErrors(def, values.auth(), clock))
        .account(base.toString()).build();
    this.gate = RequestGate.of(def.name(), base.toString(), def.rateLimit(), clock);
  }

  URI base() {
    return base;
  }

  ObjectMapper json() {
    return json;
  }

  Response send(HttpCall call) {
    try {
      return gate.call(() -> client.send(call, (status, headers, in) -> {
        gate.observe(headers);
        byte[] bytes = in.readAllBytes();
        JsonNode body = bytes.length == 0 ? MissingNode.getInstance() : json.readTree(bytes);
        return new Response(body, headers);
      }));
    } catch (RestErrors.NothingFound e) {
      // An errors rule of kind empty matched: the platform's way of saying "no records here".
      return new Response(MissingNode.getInstance(), HttpHeaders.of(java.util.Map.of(), (k, v) -> true));
    }
  }
}
