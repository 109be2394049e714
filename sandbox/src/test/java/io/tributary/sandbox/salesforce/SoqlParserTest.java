package io.tributary.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sandbox.RowKey;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The SOQL shapes the sandbox accepts, ids, and Salesforce's errors for everything else. */
@Tag("unit")
class SoqlParserTest {

  private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void parsesTheIncrementalShape() {
    String id = SalesforceIds.of("006", 42);
    SoqlQuery q = SoqlParser.parse("select id, name, owner.name FROM opportunity WHERE (SystemModstamp >"
        + " 2024-01-01T00:00:00Z OR (SystemModstamp = 2024-01-01T00:00:00Z AND Id > '" + id + "')) AND"
        + " SystemModstamp < 2024-02-01T00:00:00.000+00:00 ORDER BY SystemModstamp ASC, Id ASC LIMIT 500");
    assertThat(q.object().name()).isEqualTo("Opportunity");
    assertThat(q.fields()).containsExactly("Id", "Name", "Owner.Name");
    assertThat(q.after()).isEqualTo(new RowKey(T, 42));
    assertThat(q.before()).isEqualTo(RowKey.before(Instant.parse("2024-02-01T00:00:00Z")));
    assertThat(q.limit()).isEqualTo(500);
    SoqlQuery c = SoqlParser.parse("SELECT COUNT() FROM Account WHERE SystemModstamp >= 2024-01-01T00:00:00Z");
    assertThat(c.count()).isTrue();
    assertThat(c.after()).isEqualTo(RowKey.before(T));
  }

  @Test
  void rejectsOtherShapesWithSalesforceCodes() {
    assertCode("SELECT Id, Foo FROM Account", "INVALID_FIELD", "No such column 'Foo' on entity 'Account'");
    assertCode("SELECT Boss.Name FROM Account", "INVALID_FIELD", "Didn't understand relationship 'Boss'");
    assertCode("SELECT Id FROM Widget__c", "INVALID_TYPE", "sObject type 'Widget__c' is not supported");
    assertCode("SELECT Id FROM Account WHERE Name = 'x'", "MALFORMED_QUERY", "Tributary sandbox supports only");
    assertCode("SELECT Id FROM Account ORDER BY Name", "MALFORMED_QUERY", "ORDER BY Name");
    assertCode("SELECT Id Account", "MALFORMED_QUERY", "unexpected token: 'Account'");
    assertCode("SELECT Id FROM Account WHERE SystemModstamp > '2024-01-01'", "INVALID_QUERY_FILTER_OPERATOR",
        "must be of type dateTime");
    assertCode("SELECT Id FROM Account WHERE (SystemModstamp > 2024-01-01T00:00:00Z OR (SystemModstamp ="
        + " 2024-01-01T00:00:00Z AND Id > 'abc'))", "INVALID_QUERY_FILTER_OPERATOR", "invalid ID field: abc");
  }

  private static void assertCode(String soql, String code, String messagePart) {
    assertThatThrownBy(() -> SoqlParser.parse(soql)).as(soql).isInstanceOfSatisfying(SoqlException.class, e -> {
      assertThat(e.errorCode()).isEqualTo(code);
      assertThat(e.getMessage()).contains(messagePart).contains("ERROR at Row:1:Column:");
    });
  }

  @Test
  void idsCarryTheCaseSafeSuffixAndSortInIndexOrder() {
    // Real ids from the recorded fixtures: the suffix is a function of the first 15 characters.
    assertThat(SalesforceIds.withSuffix("0014S000001pIx9")).isEqualTo("0014S000001pIx9QAE");
    assertThat(SalesforceIds.withSuffix("006gK000002aKKU")).isEqualTo("006gK000002aKKUQA2");
    String a = SalesforceIds.of("001", 61);
    String b = SalesforceIds.of("001", 62);
    assertThat(a).hasSize(18).startsWith("001");
    assertThat(a.compareTo(b)).isNegative();
    assertThat(SalesforceIds.indexOf("001", SalesforceIds.of("001", 123_456_789))).isEqualTo(123_456_789);
    assertThat(SalesforceIds.indexOf("003", a)).isEqualTo(-1);
    assertThat(SalesforceIds.indexOf("001", a.substring(0, 15) + "AAA")).isEqualTo(a.endsWith("AAA") ? 61 : -1);
  }
}
