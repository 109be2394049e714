package io.tributary.source.dynamics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.http.AuthProvider;
import io.tributary.http.HttpCall;
import io.tributary.http.HttpSettings;
import io.tributary.http.ResilientHttpClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The Dataverse Web API calls Tributary makes, each with {@code OData-Version: 4.0}. Page reads send their
 * preferences in one {@code Prefer} header (RFC 7240), again on every {@code @odata.nextLink}, as the Web API paging
 * docs require.
 */
final class DynamicsClient {

  static final String FORMATTED_PREFERENCE = "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"";

  private final ResilientHttpClient api;
  private final ObjectMapper json;
  private final String apiPath;
  private final int maxPageSize;
  private final boolean keepFormatted;

  DynamicsClient(URI org, AuthProvider auth, DynamicsConfig config, ObjectMapper json) {
    HttpSettings settings = HttpSettings.defaults("dynamics365", org).withOverrides(config.httpOrEmpty());
    // One permit per slice, so no rolling 5-minute window ever sees more than the published 6,000 calls per user.
    HttpSettings limited = config.perFiveMinutes() > 0
        ? settings.withRateLimit(1, Duration.ofMillis(Math.max(1, 300_000L / config.perFiveMinutes()))) : settings;
    this.api = ResilientHttpClient.builder(limited).auth(auth).classifier(new DynamicsErrors())
        .account(org.getHost() + (org.getPort() > 0 ? ":" + org.getPort() : "")).build();
    this.json = json;
    this.apiPath = "/api/data/" + config.apiVersionOrDefault();
    this.maxPageSize = config.pageSizeOrDefault();
    this.keepFormatted = config.keepFormatted();
  }

  /** The table definition and its readable attributes. */
  DynamicsTable table(String logicalName) {
    String def = apiPath + "/EntityDefinitions(LogicalName='" + logicalName + "')";
    JsonNode entity = api.send(odata(HttpCall.get(def)).query("$select",
        "LogicalName,EntitySetName,PrimaryIdAttribute,ChangeTrackingEnabled"), (s, h, body) -> json.readTree(body));
    JsonNode attributes = api.send(odata(HttpCall.get(def + "/Attributes")).query("$select",
        "LogicalName,AttributeType,IsValidForRead,AttributeOf"), (s, h, body) -> json.readTree(body));
    return DynamicsTable.parse(entity, attributes, keepFormatted);
  }

  /** The first page of an entity set, asking for a delta link when {@code track} is set. */
  DynamicsPage first(String entitySet, List<String> select, boolean track, int pageSize) {
    HttpCall call = HttpCall.get(apiPath + "/" + entitySet);
    if (!select.isEmpty()) {
      call = call.query("$select", String.join(",", select));
    }
    return page(call, track, pageSize);
  }

  /** A page behind an {@code @odata.nextLink} or {@code @odata.deltaLink}, sent as the server wrote it. */
  DynamicsPage follow(String link, boolean track, int pageSize) {
    return page(HttpCall.get(link), track, pageSize);
  }

  private DynamicsPage page(HttpCall call, boolean track, int pageSize) {
    String prefer = "odata.maxpagesize=" + Math.min(maxPageSize, Math.max(1, pageSize))
        + (track ? ",odata.track-changes" : "")
        + (keepFormatted ? "," + FORMATTED_PREFERENCE : "");
    return api.send(odata(call).header("Prefer", prefer),
        (status, headers, body) -> DynamicsPage.parse(json, body, keepFormatted));
  }

  private static HttpCall odata(HttpCall call) {
    return call.header("Accept", "application/json").header("OData-MaxVersion", "4.0").header("OData-Version", "4.0");
  }
}
