package io.tributary.source.dynamics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.http.Classification;
import io.tributary.http.ErrorClass;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The fixtures under src/test/resources/source/dynamics through the parsers, so a clone without ../shared tests them. */
@Tag("unit")
class DynamicsLocalFixturesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static InputStream file(String name) {
    return DynamicsLocalFixturesTest.class.getResourceAsStream("/source/dynamics/" + name);
  }

  @Test
  void attributesMapToColumnsWithLookupsAsValueProperties() throws IOException {
    DynamicsTable t = DynamicsTable.parse(JSON.readTree(file("entity_definition_account.json")),
        JSON.readTree(file("attributes_account.json")), false);
    assertThat(t.entitySet()).isEqualTo("accounts");
    assertThat(t.primaryId()).isEqualTo("accountid");
    assertThat(t.columns()).containsExactly(Column.of("accountid", ColumnType.STRING),
        Column.of("name", ColumnType.STRING), Column.decimal("revenue", 38, 4),
        Column.of("industrycode", ColumnType.INTEGER), Column.of("_primarycontactid_value", ColumnType.STRING),
        Column.of("modifiedon", ColumnType.TIMESTAMP));
    DynamicsTable kept = DynamicsTable.parse(JSON.readTree(file("entity_definition_account.json")),
        JSON.readTree(file("attributes_account.json")), true);
    assertThat(kept.columns()).extracting(Column::name).contains("revenue_formatted", "industrycode_formatted",
        "modifiedon_formatted").doesNotContain("name_formatted", "accountid_formatted");
    assertThat(kept.columnNames()).hasSize(6);
  }

  @Test
  void pagesKeepOrDropFormattedValues() throws IOException {
    DynamicsPage kept = DynamicsPage.parse(JSON, file("page_with_nextlink_formatted.json"), true);
    assertThat(kept.rows().get(0)).containsEntry("revenue", new BigDecimal("1000000.0000"))
        .containsEntry("revenue_formatted", "$1,000,000.00")
        .containsEntry("_primarycontactid_value_formatted", "Yvonne McKay (sample)");
    assertThat(kept.rows().get(1)).containsEntry("revenue", null).doesNotContainKey("revenue_formatted");
    assertThat(kept.nextLink()).contains("istracking=%22False%22");
    DynamicsPage dropped = DynamicsPage.parse(JSON, file("page_with_nextlink_formatted.json"), false);
    assertThat(dropped.rows().get(0)).doesNotContainKeys("revenue_formatted", "_primarycontactid_value_formatted");
  }

  @Test
  void deltaPagesSplitDeletedRows() throws IOException {
    DynamicsPage p = DynamicsPage.parse(JSON, file("delta_with_deleted.json"), false);
    assertThat(p.rows()).hasSize(1);
    assertThat(p.deletedIds()).containsExactly("2e451703-c686-e711-80e5-00155db19e6d");
    assertThat(p.deltaLink()).endsWith("$deltatoken=919058%2108%2f22%2f2017%2008%3a21%3a20");
  }

  @Test
  void anExpiredDeltaTokenIsFlaggedForTheFallback() throws IOException {
    String body = new String(file("error_expired_delta_token.json").readAllBytes(), StandardCharsets.UTF_8);
    Classification c = new DynamicsErrors().classify(400, HttpHeaders.of(Map.of(), (a, b) -> true), body);
    assertThat(c.errorClass()).isEqualTo(ErrorClass.CONFIG);
    assertThat(c.hint()).isEqualTo(DynamicsErrors.EXPIRED_DELTA_HINT);
    assertThat(c.vendorMessage()).contains("Please perform a full sync");
  }
}
