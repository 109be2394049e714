package io.tributary.source.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.TributaryException;
import io.tributary.core.TributaryException.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The parsers on Tributary's own samples (src/test/resources/source/salesforce), in the vendor's formats. */
@Tag("sandbox")
class SalesforceWireFormatTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static InputStream resource(String name) {
    InputStream in = SalesforceWireFormatTest.class.getResourceAsStream("/source/salesforce/" + name);
    assertThat(in).as(name).isNotNull();
    return in;
  }

  private static String text(String name) throws IOException {
    try (InputStream in = resource(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void queryPageFlattensNestedRelationshipsKeepsChildAndCompoundAsJson() throws Exception {
    SoqlQueryPage p = SoqlQueryPage.parse(resource("query_page_relationships_compound_child.json"));
    assertThat(p.totalSize()).isEqualTo(3);
    assertThat(p.nextRecordsUrl()).isEqualTo("/services/data/v58.0/query/01gTn0000000001AAA-2");
    Map<String, Object> opp = p.records().get(0);
    assertThat(opp.keySet()).containsExactly("Id", "Amount", "Probability", "IsDeleted", "CloseDate",
        "SystemModstamp", "Owner.Name", "Owner.Manager.Name", "Account", "OpportunityContactRoles");
    assertThat((BigDecimal) opp.get("Amount")).isEqualByComparingTo("12345678");
    assertThat((BigDecimal) opp.get("Probability")).isEqualByComparingTo("10");
    assertThat(opp).containsEntry("IsDeleted", false).containsEntry("Owner.Name", "Ada O'Brien")
        .containsEntry("Owner.Manager.Name", "Grace Chen").containsEntry("Account", null);
    JsonNode roles = JSON.readTree((String) opp.get("OpportunityContactRoles"));
    assertThat(roles.get("records").get(0).get("Role").asText()).isEqualTo("Decision Maker");
    Map<String, Object> account = p.records().get(1);
    assertThat(account.get("NumberOfEmployees")).isEqualTo(250L);
    assertThat(JSON.readTree((String) account.get("BillingAddress")).get("postalCode").asText())
        .isEqualTo("M5H 2N2");
  }

  @Test
  void brokenQueryBodiesAreTransient() {
    for (String body : List.of("{\"totalSize\":3,\"done\":false,\"records\":[{\"Id\":\"1\"}", "[]", "",
        "{\"done\":true,\"records\":[]}")) {
      assertThatThrownBy(() -> SoqlQueryPage.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
          .as(body).isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT));
    }
  }

  @Test
  void bulkCsvHandlesNullsQuotesAndNewlines() throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (BulkResultCsv csv = BulkResultCsv.open(new InputStreamReader(resource(
        "bulk_results_nulls_quotes_newlines.csv"), StandardCharsets.UTF_8))) {
      assertThat(csv.header()).containsExactly("Id", "Name", "Amount", "Owner.Name", "CloseDate", "SystemModstamp");
      csv.forEachRemaining(rows::add);
    }
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).containsEntry("Name", "Smith, Jones & Co \"Quoted\" deal")
        .containsEntry("Owner.Name", "Ada O'Brien").containsEntry("Amount", "1234.50");
    assertThat(rows.get(1)).containsEntry("Name", "Two-line\nname").containsEntry("Amount", null)
        .containsEntry("Owner.Name", null);
    Column amount = Column.decimal("Amount", 18, 2);
    assertThat(SalesforceTypes.convert(amount, rows.get(0).get("Amount"))).isEqualTo(new BigDecimal("1234.50"));
    assertThat(SalesforceTypes.convert(Column.of("SystemModstamp", ColumnType.TIMESTAMP),
        rows.get(1).get("SystemModstamp"))).isEqualTo(Instant.parse("2024-01-15T10:20:30Z"));
    assertThat(SalesforceTypes.convert(Column.of("CloseDate", ColumnType.DATE), "2024-02-29"))
        .isEqualTo(LocalDate.of(2024, 2, 29));
  }

  @Test
  void truncatedBulkRowIsTransient() {
    try (BulkResultCsv csv = BulkResultCsv.open(new StringReader("\"Id\",\"Name\"\n\"001\"\n"))) {
      assertThatThrownBy(csv::next).isInstanceOfSatisfying(TributaryException.class,
          e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT));
    }
    assertThat(BulkResultCsv.nextLocator(null)).isNull();
    assertThat(BulkResultCsv.nextLocator(" null ")).isNull();
    assertThat(BulkResultCsv.nextLocator("MjAwMDA")).isEqualTo("MjAwMDA");
  }

  @Test
  void errorsClassifyByCodeAndStatus() throws Exception {
    TributaryException malformed = SalesforceErrors.classify(400, text("error_400_malformed_query.json"), "query");
    assertThat(malformed.kind()).isEqualTo(Kind.CONFIG);
    assertThat(malformed.getMessage()).contains("MALFORMED_QUERY").contains("unexpected token: 'Name'");
    assertThat(SalesforceErrors.classify(400, text("error_400_query_timeout.json"), "query").kind())
        .isEqualTo(Kind.TRANSIENT);
    assertThat(SalesforceErrors.classify(500, text("error_500_unknown_exception.json"), "query").kind())
        .isEqualTo(Kind.TRANSIENT);
    TributaryException client = SalesforceErrors.classify(400, text("oauth_error_invalid_client_id.json"), "token");
    assertThat(client.kind()).isEqualTo(Kind.AUTH);
    assertThat(client.hint()).contains("consumer key");
    assertThat(SalesforceErrors.classify(503, "<html>down</html>", "query").kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(SalesforceErrors.classify(429, "", "query").kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(SalesforceErrors.classify(403, "[{\"message\":\"x\",\"errorCode\":\"API_DISABLED_FOR_ORG\"}]", "q")
        .kind()).isEqualTo(Kind.AUTH);
    assertThat(SalesforceErrors.isExpiredSession(401, "[{\"message\":\"x\",\"errorCode\":\"NOT_FOUND\"}]")).isFalse();
  }

  @Test
  void describeTypesMapToNeutralColumns() throws Exception {
    Map<String, Column> cols = new HashMap<>();
    JSON.readTree(text("describe_fields_types.json")).get("fields")
        .forEach(f -> cols.put(f.get("name").asText(), SalesforceTypes.column(f)));
    assertThat(cols.get("Id")).isEqualTo(new Column("Id", ColumnType.STRING, 18, 0, false));
    assertThat(cols.get("Ratio__c").type()).isEqualTo(ColumnType.DOUBLE);
    assertThat(cols.get("Count__c").type()).isEqualTo(ColumnType.INTEGER);
    assertThat(cols.get("Probability")).isEqualTo(new Column("Probability", ColumnType.DECIMAL, 3, 0, true));
    assertThat(cols.get("Location__c").type()).isEqualTo(ColumnType.JSON);
    assertThat(cols.get("Notes__c")).isEqualTo(new Column("Notes__c", ColumnType.STRING, 32768, 0, true));
    assertThat(cols.get("Tags__c").type()).isEqualTo(ColumnType.STRING);
    assertThat(cols.get("Due__c").type()).isEqualTo(ColumnType.DATE);
    assertThat(cols.get("Seen__c").type()).isEqualTo(ColumnType.TIMESTAMP);
    assertThatThrownBy(() -> SalesforceTypes.convert(cols.get("Count__c"), "12,5x"))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.RECORD);
          assertThat(e.getMessage()).contains("Count__c").contains("12,5x");
        });
    assertThat(SalesforceTypes.convert(cols.get("Count__c"), 7L)).isEqualTo(7L);
    assertThat(SalesforceTypes.convert(Column.of("B", ColumnType.BOOLEAN), "true")).isEqualTo(true);
  }

  @Test
  void limitInfoHeaderVariants() throws Exception {
    List<SforceLimitInfo> h = text("sforce_limit_info.txt").lines().map(SforceLimitInfo::parse).toList();
    assertThat(h.get(0).apiUsage()).isEqualTo(new SforceLimitInfo.Usage(4, 15000, null));
    assertThat(h.get(1).apiUsage().fraction()).isGreaterThan(1.0);
    assertThat(h.get(1).apiBursts()).isEqualTo(new SforceLimitInfo.Usage(3, 750, null));
    assertThat(h.get(2).perAppUsage()).isEqualTo(new SforceLimitInfo.Usage(5, 100, "Tributary Sandbox"));
    assertThat(h.get(2).apiUsage()).isEqualTo(new SforceLimitInfo.Usage(9, 5000, null));
    assertThat(h.get(3).usages()).isEmpty();
    assertThat(SforceLimitInfo.parse(null).apiUsage()).isNull();
  }
}
