package io.tributary.source.netsuite;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.http.HttpCall;
import io.tributary.http.ResilientHttpClient;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Runs SuiteQL pages: {@code POST /services/rest/query/v1/suiteql?limit=L&offset=O} with {@code Prefer: transient}
 * and body {@code {"q": ...}} (Oracle "Using SuiteQL with SuiteTalk REST Web Services", section_158394344595). limit
 * and offset are query parameters, so the TBA signature covers them. Each call holds one of the account's
 * concurrency permits. Thread-safe.
 */
final class NetSuiteClient {

  static final String PATH = "/services/rest/query/v1/suiteql";
  static final int MAX_LIMIT = 1000;
  /** "Using SuiteQL queries, you can return a maximum of 100,000 results" (section_157909186990). */
  static final int MAX_RESULTS = 100_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ResilientHttpClient http;
  private final Semaphore permits;

  NetSuiteClient(ResilientHttpClient http, Semaphore permits) {
    this.http = http;
    this.permits = permits;
  }

  SuiteQlPage query(String q, int limit, long offset) {
    String body;
    try {
      body = JSON.writeValueAsString(Map.of("q", q));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a string", e);
    }
    HttpCall call = HttpCall.post(PATH).query("limit", limit).query("offset", offset)
        .header("Prefer", "transient").json(body);
    return NetSuiteConcurrency.withPermit(permits,
        () -> http.send(call, (status, headers, in) -> SuiteQlPage.parse(in)));
  }
}
