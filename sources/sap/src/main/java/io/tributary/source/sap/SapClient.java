package io.tributary.source.sap;

import io.tributary.core.TributaryException;
import io.tributary.http.HttpCall;
import io.tributary.http.ResilientHttpClient;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GETs of one SAP system: {@code $metadata} (cached per service for the source's life) and collection pages.
 * Read-only, so no CSRF token is fetched (SAP Gateway only demands {@code X-CSRF-Token} on modifying requests).
 * Thread-safe.
 */
final class SapClient {

  private final ResilientHttpClient http;
  private final SapODataVersion version;
  private final SapPageParser parser;
  private final String sapClient;
  private final Map<String, SapMetadata> metadata = new ConcurrentHashMap<>();

  /** @param sapClient the {@code sap-client} to send on every request, or null */
  SapClient(ResilientHttpClient http, SapODataVersion version, String sapClient) {
    this.http = http;
    this.version = version;
    this.sapClient = sapClient == null || sapClient.isBlank() ? null : sapClient.trim();
    this.parser = new SapPageParser(version);
  }

  SapODataVersion version() {
    return version;
  }

  SapMetadata metadata(String service) {
    return metadata.computeIfAbsent(service, s -> http.send(withClient(HttpCall.get(s + "/$metadata")
        .header("Accept", "application/xml")), (status, headers, in) -> SapMetadata.parse(in)));
  }

  /** One page of a query on an entity set: the entities the server sends for it, at most {@code $top}. */
  SapPage page(String service, String entitySet, Map<String, String> query, int pageSize) {
    HttpCall call = withClient(HttpCall.get(service + "/" + entitySet).header("Accept", "application/json"));
    for (Map.Entry<String, String> e : query.entrySet()) {
      call = call.query(e.getKey(), e.getValue());
    }
    if (version == SapODataVersion.V4) {
      // OData 4.01 Protocol 8.2.8.3: a client asks for server-driven pages of at most N entities.
      call = call.header("Prefer", "odata.maxpagesize=" + pageSize);
    }
    return send(call);
  }

  private SapPage send(HttpCall call) {
    // A truncated body fails to parse with an IOException, which retries the call.
    return http.send(call, (status, headers, in) -> parser.parse(in));
  }

  private HttpCall withClient(HttpCall call) {
    return sapClient == null ? call : call.query("sap-client", sapClient);
  }

  static URI serviceRoot(String baseUrl) {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw TributaryException.config("source.base_url is required for SAP",
          "set it to the OData root, for example https://my-s4.example.com/sap/opu/odata/sap");
    }
    return URI.create(baseUrl.replaceAll("/+$", "") + "/");
  }
}
