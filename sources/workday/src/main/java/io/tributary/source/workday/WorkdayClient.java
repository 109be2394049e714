package io.tributary.source.workday;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.JsonValues;
import io.tributary.core.TributaryException;
import io.tributary.http.AuthProvider;
import io.tributary.http.HttpCall;
import io.tributary.http.HttpSettings;
import io.tributary.http.ResilientHttpClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one RaaS call: {@code GET /ccx/service/customreport2/{tenant}/{owner}/{report}?format=json} with the report's
 * prompts as query parameters. The answer is {@code {"Report_Entry": [ {...}, ... ]}}, the whole report in one body
 * (RaaS has no paging).
 */
final class WorkdayClient {

  private final ResilientHttpClient api;
  private final ObjectMapper json;
  private final String tenant;

  WorkdayClient(WorkdayConfig config, AuthProvider auth, ObjectMapper json) {
    URI host = URI.create(config.hostTrimmed());
    HttpSettings settings = HttpSettings.defaults("workday", host).withOverrides(config.httpOrEmpty());
    this.api = ResilientHttpClient.builder(settings).auth(auth).classifier(new WorkdayErrors(config.basic()))
        .account(config.tenant()).build();
    this.json = json;
    this.tenant = config.tenant();
  }

  /** Every {@code Report_Entry} of the report for these prompt values, field alias to value. */
  List<Map<String, Object>> entries(WorkdayReport report, Map<String, String> prompts) {
    HttpCall call = HttpCall.get("/ccx/service/customreport2/" + segment(tenant) + "/" + segment(report.owner())
        + "/" + segment(report.report())).query("format", "json");
    for (Map.Entry<String, String> p : prompts.entrySet()) {
      call = call.query(p.getKey(), p.getValue());
    }
    try {
      return api.send(call, (status, headers, body) -> parse(json.readTree(body)));
    } catch (TributaryException e) {
      if (e.kind() != TributaryException.Kind.CONFIG && e.kind() != TributaryException.Kind.AUTH) {
        throw e;
      }
      throw new TributaryException(e.kind(), "Workday report " + report.name() + " (tenant " + tenant + "): "
          + e.getMessage(), e.hint(), e);
    }
  }

  private static List<Map<String, Object>> parse(JsonNode root) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (JsonNode entry : root.path("Report_Entry")) {
      Map<String, Object> row = new LinkedHashMap<>();
      entry.fields().forEachRemaining(f -> row.put(f.getKey(), JsonValues.of(f.getValue())));
      out.add(row);
    }
    return out;
  }

  private static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
