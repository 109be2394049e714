package io.tributary.source.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.auth.OAuthTokenFlow;
import io.tributary.core.TributaryException;
import io.tributary.http.HttpCall;
import io.tributary.http.HttpSettings;
import io.tributary.http.ResilientHttpClient;
import io.tributary.http.StreamedResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Salesforce REST and Bulk API 2.0 calls the source makes, over one {@link ResilientHttpClient} against the
 * org's {@code instance_url}. Thread-safe.
 */
final class SalesforceClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private final ResilientHttpClient http;
  private final String version;
  private final SalesforceServerClock serverClock = new SalesforceServerClock();
  /** Query jobs this client created or adopted: never another create's lost job. */
  private final Set<String> ownJobs = ConcurrentHashMap.newKeySet();

  private SalesforceClient(ResilientHttpClient http, String version) {
    this.http = http;
    this.version = version;
  }

  /** Logs in (the token response names the instance) and builds the API client. */
  static SalesforceClient connect(SalesforceConfig config, OAuthTokenFlow auth) {
    String instance = auth.tokenResponse().instanceUrl().orElseThrow(() -> TributaryException.auth(
        "the Salesforce token response has no instance_url", "check the login host: it must be a Salesforce login"
            + " endpoint (login.salesforce.com, test.salesforce.com or your My Domain)"));
    HttpSettings settings = HttpSettings.defaults("salesforce", URI.create(instance))
        .withOverrides(config.httpOverrides());
    ResilientHttpClient http = ResilientHttpClient.builder(settings).auth(auth)
        .classifier(new SalesforceErrorClassifier()).quotaMonitor(new SalesforceQuotaMonitor())
        .account(instance).build();
    return new SalesforceClient(http, config.apiVersionOrDefault());
  }

  String data(String rest) {
    return "/services/data/v" + version + rest;
  }

  /** GET /sobjects/{object}/describe. */
  JsonNode describe(String object) {
    return json(HttpCall.get(data("/sobjects/" + object + "/describe")));
  }

  /** {@code SELECT COUNT() ...}: one call, totalSize only. */
  long count(String soql, boolean all) {
    return json(HttpCall.get(data(all ? "/queryAll" : "/query")).query("q", soql)).path("totalSize").asLong();
  }

  /** The first batch of a REST query. */
  SoqlQueryPage query(String soql, boolean all, int batchSize) {
    return http.send(HttpCall.get(data(all ? "/queryAll" : "/query")).query("q", soql)
            .header("Sforce-Query-Options", "batchSize=" + batchSize),
        (status, headers, body) -> SoqlQueryPage.parse(body));
  }

  /** The batch behind a relative {@code nextRecordsUrl} (resolved against instance_url). */
  SoqlQueryPage queryMore(String nextRecordsUrl, int batchSize) {
    return http.send(HttpCall.get(nextRecordsUrl).header("Sforce-Query-Options", "batchSize=" + batchSize),
        (status, headers, body) -> SoqlQueryPage.parse(body));
  }

  /**
   * POST /jobs/query. Not repeated after an ambiguous failure: the caller looks the job up instead (see
   * {@link BulkQueryJob}).
   */
  JsonNode createQueryJob(String soql, boolean all) {
    ObjectNode body = JSON.createObjectNode();
    body.put("operation", all ? "queryAll" : "query");
    body.put("query", soql);
    JsonNode job = json(HttpCall.post(data("/jobs/query")).json(body.toString()).notRepeatable());
    ownJobs.add(job.path("id").asText());
    return job;
  }

  /** Salesforce's clock, as the {@code Date} of its latest answer states it. */
  SalesforceServerClock serverClock() {
    return serverClock;
  }

  boolean isOwnJob(String id) {
    return ownJobs.contains(id);
  }

  void adoptJob(String id) {
    ownJobs.add(id);
  }

  JsonNode queryJob(String id) {
    return json(HttpCall.get(data("/jobs/query/" + id)));
  }

  /**
   * Every query job of the org (following nextRecordsUrl; up to 1,000 a set, in no particular order: "Get
   * Information About All Query Jobs"). Only called after a create whose answer was lost.
   */
  List<JsonNode> queryJobs() {
    List<JsonNode> out = new ArrayList<>();
    String next = data("/jobs/query");
    HttpCall call = HttpCall.get(next).query("jobType", "V2Query");
    while (call != null) {
      JsonNode page = json(call);
      page.path("records").forEach(out::add);
      JsonNode n = page.path("nextRecordsUrl");
      call = page.path("done").asBoolean(true) || n.isNull() || n.asText().isEmpty() ? null : HttpCall.get(n.asText());
    }
    return out;
  }

  /** One page of a completed job's CSV results; the caller closes it. */
  StreamedResponse results(String jobId, String locator, int maxRecords) {
    HttpCall call = HttpCall.get(data("/jobs/query/" + jobId + "/results")).query("maxRecords", maxRecords)
        .header("Accept", "text/csv");
    if (locator != null) {
      call = call.query("locator", locator);
    }
    StreamedResponse response = http.open(call);
    serverClock.saw(response.headers());
    return response;
  }

  private JsonNode json(HttpCall call) {
    // A body cut off mid-way throws IOException inside the reader, which the client retries.
    return http.send(call, (status, headers, body) -> {
      serverClock.saw(headers);
      return JSON.readTree(body);
    });
  }
}
