package io.tributary.sandbox.gainsight;

import static io.tributary.sandbox.VendorSamples.body;
import static io.tributary.sandbox.VendorSamples.json;
import static io.tributary.sandbox.VendorSamples.keys;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.VendorSamples;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Gainsight simulator against Gainsight's documented samples (src/test/resources/vendor-docs/gainsight): the
 * Company Read API's request form, envelope, epoch-millisecond dates and "No data found" failure; the unauthorized
 * body; the Fetch CTA API's paging, record shape and invalid-select failure; the 100-a-minute fixed window.
 */
@Tag("sandbox")
class GainsightSandboxTest {

  private static SandboxServer start(long rows) {
    return SandboxServer.start(SandboxOptions.defaults().withPlatform(GainsightSandbox.platform()).withRows(rows)
        .withSetting("gainsight.requests_per_minute", "0"));
  }

  private static HttpResponse<String> post(SandboxServer sb, String path, String body) {
    return VendorSamples.send("POST", sb.baseUrl() + path, "application/json", body,
        "accesskey", GainsightSandbox.ACCESS_KEY);
  }

  @Test
  void theDocumentedReadRequestFormSelectsFiltersAndOrdersWithTheDocumentedEnvelope() {
    try (SandboxServer sb = start(300)) {
      // The documented sample request, with the simulated tenant's field names in place of its custom ones.
      ObjectNode request = (ObjectNode) json("gainsight", "company_read_request.json");
      String text = request.toString().replace("Renewal_Date__gc", "RenewalDate").replace("Renewal_Date", "RenewalDate")
          .replace("\"Customer_Lifetime_in_Months\",", "").replace(",\"csm__gr.email\"", "")
          .replace("Company_ID__gr.stage", "Gsid").replace("03-22-2018", "03-22-2024").replace("05-21-2018", "05-21-2024");
      HttpResponse<String> response = post(sb, "/v1/data/objects/query/Company", text);

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode got = body(response);
      JsonNode documented = json("gainsight", "company_read_response.json");
      assertThat(keys(got)).isEqualTo(keys(documented));
      assertThat(got.path("result").asBoolean()).isTrue();
      assertThat(got.path("data").isArray()).isTrue();

      List<Map<String, Object>> expected = new ArrayList<>();
      LocalDate from = LocalDate.of(2024, 3, 22);
      LocalDate to = LocalDate.of(2024, 5, 21);
      Set<String> stages = Set.of("New Customer", "Kicked Off", "Launched");
      GainsightRecords truth = sb.routes(GainsightRoutes.class).records();
      sb.dataset().rows(GainsightRecords.COMPANY).map(truth::values).forEach(v -> {
        LocalDate renewal = (LocalDate) v.get("RenewalDate");
        boolean a = !renewal.isBefore(from) && !renewal.isAfter(to);
        if (a || stages.contains(GainsightRecords.PICKLIST.get((String) v.get("Stage")))) {
          expected.add(v);
        }
      });
      expected.sort((x, y) -> {
        int c = ((LocalDate) x.get("RenewalDate")).compareTo((LocalDate) y.get("RenewalDate"));
        return c != 0 ? c : ((String) y.get("Gsid")).compareTo((String) x.get("Gsid"));
      });
      assertThat(expected).hasSizeGreaterThan(100);
      JsonNode data = got.path("data");
      assertThat(data).hasSize(100);
      for (int i = 0; i < 100; i++) {
        JsonNode record = data.get(i);
        assertThat(keys(record)).containsExactlyInAnyOrder("Name", "RenewalDate", "Status", "Stage");
        assertThat(record.path("Name").asText()).isEqualTo(expected.get(i).get("Name"));
        assertThat(record.path("RenewalDate").asLong()).as("a DATE in epoch milliseconds")
            .isEqualTo(((LocalDate) expected.get(i).get("RenewalDate")).atStartOfDay(ZoneOffset.UTC).toInstant()
                .toEpochMilli());
        assertThat(record.path("Stage").asText()).hasSize(36).startsWith("1I00");
      }
    }
  }

  @Test
  void offsetPagesReadEveryCompanyOnceAndThePageAfterTheLastIsTheDocumentedNoDataFailure() {
    try (SandboxServer sb = start(12_000)) {
      List<String> seen = new ArrayList<>();
      int offset = 0;
      JsonNode last;
      while (true) {
        HttpResponse<String> r = post(sb, "/v1/data/objects/query/Company",
            "{\"select\":[\"Gsid\",\"ModifiedDate\"],\"orderBy\":{\"Gsid\":\"asc\"},\"limit\":5000,\"offset\":"
                + offset + "}");
        last = body(r);
        if (r.statusCode() != 200) {
          assertThat(r.statusCode()).isEqualTo(400);
          break;
        }
        last.path("data").forEach(d -> seen.add(d.path("Gsid").asText()));
        assertThat(last.path("data").size()).isLessThanOrEqualTo(5000);
        offset += 5000;
      }
      List<String> expected = new ArrayList<>();
      for (long i = 0; i < 12_000; i++) {
        expected.add(GainsightRecords.gsid(GainsightRecords.COMPANY, i));
      }
      assertThat(seen).containsExactlyElementsOf(expected);
      JsonNode documented = json("gainsight", "company_read_no_data_response.json");
      assertThat(keys(last)).isEqualTo(keys(documented));
      assertThat(last.path("result").asBoolean()).isFalse();
      assertThat(last.path("errorDesc").asText()).isEqualTo(documented.path("errorDesc").asText());
      assertThat(last.path("errorCode").asText()).isEqualTo("GSOBJ_1011");
    }
  }

  @Test
  void aModifiedDateFilterInTheDocumentedSpacedFormReturnsOnlyRowsChangedSince() {
    try (SandboxServer sb = start(500)) {
      Instant at = Instant.parse("2025-06-01T10:00:00Z");
      sb.dataset().touch(GainsightRecords.RELATIONSHIP, 40, 44, at);
      HttpResponse<String> r = post(sb, "/v1/data/objects/query/relationship", "{\"select\":[\"Gsid\",\"CompanyId\","
          + "\"ModifiedDate\"],\"where\":{\"conditions\":[{\"name\":\"ModifiedDate\",\"alias\":\"A\",\"value\":"
          + "[\"2025-06-01 10:00:00\"],\"operator\":\"GTE\"}],\"expression\":\"A\"},\"orderBy\":{\"ModifiedDate\":"
          + "\"asc\",\"Gsid\":\"asc\"},\"limit\":5000,\"offset\":0}");
      JsonNode data = body(r).path("data");
      assertThat(data).hasSize(5);
      for (int i = 0; i < 5; i++) {
        assertThat(data.get(i).path("Gsid").asText()).isEqualTo(GainsightRecords.gsid("Relationship", 40 + i));
        assertThat(data.get(i).path("ModifiedDate").asLong()).isEqualTo(at.toEpochMilli());
        assertThat(data.get(i).path("CompanyId").asText()).startsWith("1P02");
      }
    }
  }

  @Test
  void aMissingOrWrongAccessKeyGetsTheDocumentedUnauthorizedBody() {
    try (SandboxServer sb = start(10)) {
      JsonNode documented = json("gainsight", "unauthorized_response.json");
      for (String key : new String[] {null, "not-the-key"}) {
        HttpResponse<String> r = key == null
            ? VendorSamples.send("POST", sb.baseUrl() + "/v1/data/objects/query/Company", "application/json", "{}")
            : VendorSamples.send("POST", sb.baseUrl() + "/v1/data/objects/query/Company", "application/json", "{}",
                "AccessKey", key);
        assertThat(r.statusCode()).isEqualTo(401);
        JsonNode got = body(r);
        assertThat(keys(got)).isEqualTo(keys(documented));
        for (String f : List.of("result", "errorCode", "errorDesc", "message")) {
          assertThat(got.path(f)).as(f).isEqualTo(documented.path(f));
        }
      }
    }
  }

  @Test
  void theHundredAndFirstCallInAMinuteIsRefusedUntilTheFixedWindowEnds() {
    try (SandboxServer sb = SandboxServer.start(SandboxOptions.defaults().withPlatform(GainsightSandbox.platform())
        .withRows(5))) {
      sb.clock().stop();
      long intoWindow = sb.clock().millis() % 60_000;
      sb.clock().advance(Duration.ofMillis(60_000 - intoWindow));
      String read = "{\"select\":[\"Gsid\"],\"limit\":1}";
      for (int i = 1; i <= 100; i++) {
        assertThat(post(sb, "/v1/data/objects/query/Company", read).statusCode()).as("call %d", i).isEqualTo(200);
      }
      HttpResponse<String> refused = post(sb, "/v1/data/objects/query/Company", read);
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(body(refused).path("result").asBoolean()).isFalse();
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("60");
      sb.clock().advance(Duration.ofSeconds(59));
      assertThat(post(sb, "/v1/data/objects/query/Company", read).statusCode()).isEqualTo(429);
      sb.clock().advance(Duration.ofSeconds(1));
      assertThat(post(sb, "/v1/data/objects/query/Company", read).statusCode()).isEqualTo(200);
      assertThat(sb.routes(GainsightRoutes.class).limitRejections()).isEqualTo(2);
    }
  }

  @Test
  void ctasPageByPageNumberWithTheDocumentedRecordShape() {
    try (SandboxServer sb = start(2_500)) {
      Set<String> seen = new TreeSet<>();
      JsonNode first = null;
      for (int page = 1; ; page++) {
        JsonNode got = body(post(sb, "/v2/cockpit/cta/list",
            "{\"select\":[\"name\",\"Comments\",\"CompanyId\",\"ModifiedDate\"],\"pageSize\":1000,\"pageNumber\":"
                + page + "}"));
        assertThat(got.path("result").asBoolean()).isTrue();
        got.path("data").forEach(d -> seen.add(d.path("Gsid").asText()));
        first = first == null ? got.path("data").get(0) : first;
        if (got.path("data").size() < 1000) {
          break;
        }
      }
      assertThat(seen).hasSize(2_500);
      JsonNode documented = json("gainsight", "cta_list_response.json").path("data").get(0);
      Set<String> standard = new TreeSet<>(Set.of("CompanyId", "CompanyId__gr.Name", "DueDate", "EntityType", "Gsid",
          "IsClosed", "IsImportant", "Name", "OwnerId", "PriorityId", "PriorityId__gr.Name", "StatusId",
          "StatusId__gr.Name", "TypeId", "TypeId__gr.Name", "associatedRecords"));
      assertThat(keys(documented)).containsAll(standard);
      assertThat(keys(first)).containsAll(standard);
      RowState row = sb.dataset().row(GainsightRecords.CTA, 0);
      Map<String, Object> truth = sb.routes(GainsightRoutes.class).records().values(row);
      assertThat(first.path("Gsid").asText()).isEqualTo(truth.get("Gsid"));
      assertThat(first.path("TypeId__gr.Name").asText()).isEqualTo(GainsightRecords.PICKLIST.get(truth.get("TypeId")));
      assertThat(first.path("ModifiedDate").asText()).as("CTA dates are ISO-8601 text")
          .isEqualTo(truth.get("ModifiedDate").toString().replace("Z", ".000Z"));
    }
  }

  @Test
  void theDocumentedCtaRequestIsRefusedForTheTenantsMissingCustomFieldsInTheDocumentedForm() {
    try (SandboxServer sb = start(10)) {
      HttpResponse<String> r = post(sb, "/v2/cockpit/cta/list", VendorSamples.text("gainsight", "cta_list_request.json")
          .replace("\"name\",", "\"gsidasdf\","));
      JsonNode documented = json("gainsight", "cta_list_invalid_select_response.json");
      JsonNode got = body(r);
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(got.path("errorCode")).isEqualTo(documented.path("errorCode"));
      assertThat(got.path("errorDesc")).isEqualTo(documented.path("errorDesc"));
      assertThat(keys(got)).isEqualTo(keys(documented));
    }
  }
}
