package io.tributary.source.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.TributaryException.Kind;
import io.tributary.sandbox.salesforce.SalesforceIds;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs every file of the shared Salesforce fixtures (../shared/fixtures/salesforce, vendor docs and recorded traffic)
 * through the parsers and the classifier. Expected values were read off the fixture files by hand.
 */
@Tag("unit")
class SalesforceFixturesConformanceTest {

  private static final Path DIR = Path.of("..", "shared", "fixtures", "salesforce");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everySharedFixtureParsesAndClassifiesAsExpected() throws Exception {
    assumeTrue(Files.isDirectory(DIR), "shared fixtures not present at " + DIR.toAbsolutePath()
        + " (a clone without ../shared); the same formats are tested by SalesforceWireFormatTest");
    List<String> checked = new ArrayList<>();
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path f : files.sorted().toList()) {
        check(f.getFileName().toString(), Files.readString(f));
        checked.add(f.getFileName().toString());
      }
    }
    assertThat(checked).hasSizeGreaterThanOrEqualTo(31);
  }

  private void check(String name, String text) throws Exception {
    switch (name) {
      case "query_page1_done_false_nextRecordsUrl.json" -> {
        SoqlQueryPage p = page(text);
        assertThat(p.totalSize()).isEqualTo(2);
        assertThat(p.done()).isFalse();
        assertThat(p.nextRecordsUrl()).isEqualTo("/services/data/v26.0/query/01gD");
        assertThat(p.records()).containsExactly(Map.of("Text_Label", "First Page"));
      }
      case "query_more_last_page_done_true.json" -> {
        SoqlQueryPage p = page(text);
        assertThat(p.done()).isTrue();
        assertThat(p.nextRecordsUrl()).isNull();
        assertThat(p.records()).containsExactly(Map.of("Text_Label", "Last Page"));
      }
      case "query_response_parent_and_child_relationships.json" -> {
        Map<String, Object> r = page(text).records().get(0);
        assertThat(r).containsEntry("Checkbox_Label", false).containsEntry("Text_Label", "Hi there!")
            .containsEntry("Date_Label", "2010-01-01").containsEntry("Picklist_Multiselect_Label", "four;six")
            .containsEntry("ParentWhizbang__r.Name", "Parent Whizbang")
            .containsEntry("ParentWhizbang__r.Text_Label", "Hello");
        assertThat(r.keySet()).noneMatch(k -> k.contains("attributes"));
        assertThat(SalesforceTypes.parseDateTime((String) r.get("DateTime_Label")))
            .isEqualTo(Instant.parse("2011-07-07T00:37:00Z"));
        JsonNode child = JSON.readTree((String) r.get("Whizbangs__r"));
        assertThat(child.get("totalSize").asInt()).isEqualTo(1);
        assertThat(child.get("records").get(0).get("Name").asText()).isEqualTo("Child Whizbang");
      }
      case "query_records_opportunity_owner_name.json" -> {
        List<Map<String, Object>> rs = SoqlQueryPage.parseRecords(in(text));
        assertThat(rs).hasSize(5);
        assertThat(rs).extracting(r -> ((BigDecimal) r.get("Amount")).intValueExact())
            .containsExactly(675000, 270000, 270000, 250000, 125000);
        assertThat(rs.get(0)).containsEntry("Name", "United Oil Plant Standby Generators")
            .containsEntry("StageName", "Needs Analysis").containsEntry("CloseDate", "2025-05-01")
            .containsEntry("Owner.Name", "OrgFarm EPIC").hasSize(5);
      }
      case "query_response_aggregate.json" -> {
        List<Map<String, Object>> rs = page(text).records();
        assertThat(rs).extracting(r -> r.get("CampaignId"))
            .containsExactly("701E0000000JuFHIA0", "701E00000005ZqAIAU", null);
        assertThat((BigDecimal) rs.get(0).get("expr0")).isEqualByComparingTo("300");
        assertThat(rs.get(2).get("expr0")).isEqualTo(400L);
      }
      case "recorded_query_select_id_from_account_totalSize105.json" -> {
        SoqlQueryPage p = recordedPage(text, 1314);
        assertThat(p.totalSize()).isEqualTo(105);
        assertThat(p.done()).isTrue();
        assertThat(p.records()).hasSize(5);
        assertThat(p.records().get(0)).isEqualTo(Map.of("Id", "0014S000001pIx9QAE"));
        // Real ids carry Salesforce's case-safe suffix; the sandbox computes it the same way.
        p.records().forEach(r -> assertThat(SalesforceIds.withSuffix(((String) r.get("Id")).substring(0, 15)))
            .isEqualTo(r.get("Id")));
      }
      case "recorded_query_contact_external_id_2_records.json" -> {
        SoqlQueryPage p = recordedPage(text, 8007);
        assertThat(p.records()).extracting(r -> r.get("Custom_External_ID__c")).containsExactly("1id", "2id");
        assertThat(p.records()).extracting(r -> r.get("Id"))
            .containsExactly("0034S000005YJTJQA4", "0034S000005YIzLQAW");
      }
      case "recorded_query_empty_result.json" -> {
        SoqlQueryPage p = recordedPage(text, 230);
        assertThat(p.totalSize()).isZero();
        assertThat(p.records()).isEmpty();
      }
      case "recorded_error_404_not_found_with_headers.json" -> {
        JsonNode resp = JSON.readTree(text).get("response");
        assertThat(SforceLimitInfo.parse(resp.get("headers").get("Sforce-Limit-Info").asText()).apiUsage())
            .isEqualTo(new SforceLimitInfo.Usage(239, 15000, null));
        assertError(404, resp.get("body").toString(), Kind.CONFIG, "NOT_FOUND: The requested resource does not exist");
      }
      case "recorded_describe_account_v42.json" -> {
        JsonNode fields = JSON.readTree(text).get("response").get("body").get("fields");
        Map<String, Column> cols = columns(fields);
        assertThat(cols).hasSize(68);
        assertThat(cols.get("Id")).isEqualTo(new Column("Id", ColumnType.STRING, 18, 0, false));
        assertThat(cols.get("AnnualRevenue")).isEqualTo(new Column("AnnualRevenue", ColumnType.DECIMAL, 18, 0, true));
        assertThat(cols.get("BillingLatitude")).isEqualTo(new Column("BillingLatitude", ColumnType.DECIMAL, 18, 15,
            true));
        assertThat(cols.get("NumberofLocations__c").type()).isEqualTo(ColumnType.DECIMAL);
        assertThat(cols.get("NumberOfEmployees").type()).isEqualTo(ColumnType.INTEGER);
        assertThat(cols.get("BillingAddress").type()).isEqualTo(ColumnType.JSON);
        assertThat(cols.get("SystemModstamp")).isEqualTo(new Column("SystemModstamp", ColumnType.TIMESTAMP, 0, 0,
            false));
        assertThat(cols.get("LastActivityDate").type()).isEqualTo(ColumnType.DATE);
        assertThat(cols.get("IsDeleted").type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(cols.get("Industry")).isEqualTo(new Column("Industry", ColumnType.STRING, 40, 0, true));
        assertThat(cols.get("email_field__c").precision()).isEqualTo(80);
      }
      case "sobject_describe_whizbang__c.json" -> {
        Map<String, Column> cols = columns(JSON.readTree(text).get("fields"));
        assertThat(cols).hasSize(30);
        assertThat(cols.get("Currency_Field")).isEqualTo(new Column("Currency_Field", ColumnType.DECIMAL, 18, 0,
            true));
        assertThat(cols.get("Number_Field").type()).isEqualTo(ColumnType.DECIMAL);
        assertThat(cols.get("Percent_Field").type()).isEqualTo(ColumnType.DECIMAL);
        assertThat(cols.get("Picklist_Multiselect_Field")).isEqualTo(new Column("Picklist_Multiselect_Field",
            ColumnType.STRING, 4099, 0, true));
        assertThat(cols.get("Checkbox_Field").type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(cols.get("ParentWhizbang__c")).isEqualTo(new Column("ParentWhizbang__c", ColumnType.STRING, 0, 0,
            true));
      }
      case "sobject_get_deleted_response.json" -> {
        JsonNode n = JSON.readTree(text);
        assertThat(SalesforceTypes.parseDateTime(n.get("deletedRecords").get(0).get("deletedDate").asText()))
            .isEqualTo(Instant.parse("2013-05-07T22:07:19Z"));
        assertThat(SalesforceTypes.parseDateTime(n.get("latestDateCovered").asText()))
            .isEqualTo(Instant.parse("2013-05-08T21:20:00Z"));
      }
      case "sobject_get_updated_response.json" -> assertThat(
          SalesforceTypes.parseDateTime(JSON.readTree(text).get("latestDateCovered").asText()))
          .isEqualTo(Instant.parse("2015-08-19T08:17:00Z"));
      case "error_400_invalid_field.json" -> assertError(400, text, Kind.CONFIG, "INVALID_FIELD: error_message");
      case "error_401_invalid_session_id.json" -> {
        assertError(401, text, Kind.AUTH, "INVALID_SESSION_ID: Session expired or invalid");
        assertThat(SalesforceErrors.isExpiredSession(401, text)).isTrue();
      }
      case "error_403_request_limit_exceeded.json" ->
          assertError(403, text, Kind.QUOTA, "REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.");
      case "error_404_not_found.json" ->
          assertError(404, text, Kind.CONFIG, "NOT_FOUND: The requested resource does not exist");
      case "bulk2_error_412_job_not_complete.json" -> assertError(412, text, Kind.TRANSIENT, "JOB_NOT_COMPLETE");
      case "oauth_error_invalid_grant_auth_failure.json" ->
          assertError(400, text, Kind.AUTH, "invalid_grant: authentication failure - Invalid Password");
      case "oauth_error_invalid_grant_expired_token.json" ->
          assertError(400, text, Kind.AUTH, "invalid_grant: expired access/refresh token");
      case "sforce_limit_info_headers.txt" -> limitHeaders(text);
      case "bulk2_query_results_body.csv" -> {
        try (BulkResultCsv csv = BulkResultCsv.open(new StringReader(text))) {
          assertThat(csv.header()).containsExactly("Id", "Name");
          List<Map<String, Object>> rows = new ArrayList<>();
          csv.forEachRemaining(rows::add);
          assertThat(rows).extracting(r -> r.get("Name")).containsExactly("Jane Dunn", "George Wright", "Pat Wilson");
          assertThat(rows.get(0)).containsEntry("Id", "005R0000000UyrWIAS");
        }
      }
      case "bulk2_query_results_headers.txt" -> {
        List<String> values = text.lines().filter(l -> l.startsWith("Sforce-Locator:"))
            .map(l -> l.substring("Sforce-Locator:".length())).toList();
        assertThat(values).hasSize(2);
        assertThat(BulkResultCsv.nextLocator(values.get(0))).isEqualTo("MTAwMDA");
        assertThat(BulkResultCsv.nextLocator(values.get(1))).isNull();
      }
      case "doc_query_more_request.txt" -> {
        String url = text.lines().filter(l -> l.startsWith("\"nextRecordsUrl\"")).findFirst().orElseThrow()
            .replaceAll(".*\"(/services[^\"]+)\".*", "$1");
        assertThat(url).isEqualTo("/services/data/v58.0/query/01gD0000002HU6KIAW-2000");
        assertThat(SalesforceIds.withSuffix("01gD0000002HU6K")).isEqualTo("01gD0000002HU6KIAW");
      }
      case "bulk2_query_job_create_request.json" ->
          assertThat(JSON.readTree(text).get("operation").asText()).isEqualTo("query");
      case "bulk2_query_job_create_response_upload_complete.json",
          "bulk2_query_job_create_response_queryAll_airbyte.json" ->
          assertThat(JSON.readTree(text).get("state").asText()).isEqualTo("UploadComplete");
      case "bulk2_query_job_status_job_complete.json" -> {
        JsonNode n = JSON.readTree(text);
        assertThat(n.get("state").asText()).isEqualTo("JobComplete");
        assertThat(n.get("numberRecordsProcessed").asLong()).isEqualTo(500);
        assertThat(SalesforceTypes.parseDateTime(n.get("systemModstamp").asText()))
            .isEqualTo(Instant.parse("2018-12-10T17:51:27Z"));
      }
      case "oauth_jwt_bearer_token_response.json" -> {
        JsonNode n = JSON.readTree(text);
        assertThat(n.get("instance_url").asText()).isEqualTo("https://yourInstance.salesforce.com");
        assertThat(n.has("refresh_token")).isFalse();
      }
      case "oauth_token_response_with_signature_issued_at.json" ->
          assertThat(JSON.readTree(text).get("issued_at").asText()).isEqualTo("1278448832702");
      case "oauth_jwt_bearer_token_request.txt" ->
          assertThat(text).contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer");
      default -> fail("no expectation for the new fixture " + name + ": add one to this test");
    }
  }

  private static void limitHeaders(String text) {
    List<SforceLimitInfo> h = text.lines().filter(l -> l.startsWith("Sforce-Limit-Info:"))
        .map(l -> SforceLimitInfo.parse(l.substring("Sforce-Limit-Info:".length()))).toList();
    assertThat(h).hasSize(7);
    assertThat(h.get(0).apiUsage()).isEqualTo(new SforceLimitInfo.Usage(18, 5000, null));
    assertThat(h.get(1).apiUsage()).isEqualTo(new SforceLimitInfo.Usage(25, 5000, null));
    assertThat(h.get(1).perAppUsage()).isEqualTo(new SforceLimitInfo.Usage(17, 250, "sample-connected-app"));
    assertThat(h.get(2).apiUsage()).isEqualTo(new SforceLimitInfo.Usage(10018, 100000, null));
    assertThat(h.get(3).apiBursts()).isEqualTo(new SforceLimitInfo.Usage(1, 750, null));
    assertThat(h.get(4).apiUsage().fraction()).isGreaterThan(1.0);
    assertThat(h.get(6).perAppUsage().appName()).isEqualTo("sample-app");
  }

  private static void assertError(int status, String body, Kind kind, String messagePart) {
    var e = SalesforceErrors.classify(status, body, "test call");
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.getMessage()).contains(messagePart);
    assertThat(e.hint()).isNotBlank();
  }

  private static Map<String, Column> columns(JsonNode fields) {
    Map<String, Column> out = new HashMap<>();
    fields.forEach(f -> out.put(f.get("name").asText(), SalesforceTypes.column(f)));
    return out;
  }

  private static SoqlQueryPage recordedPage(String text, long apiUsed) throws IOException {
    JsonNode resp = JSON.readTree(text).get("response");
    assertThat(resp.get("status").asInt()).isEqualTo(200);
    assertThat(SforceLimitInfo.parse(resp.get("headers").get("Sforce-Limit-Info").asText()).apiUsage())
        .isEqualTo(new SforceLimitInfo.Usage(apiUsed, 15000, null));
    return page(resp.get("body").toString());
  }

  private static SoqlQueryPage page(String text) {
    return SoqlQueryPage.parse(in(text));
  }

  private static InputStream in(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
