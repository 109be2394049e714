package io.tributary.source.sap;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.ColumnType;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Parsing of the hand-written v2 and v4 fixtures in src/test/resources/source/sap, and filter building. */
@Tag("unit")
class SapParsingTest {

  private static InputStream resource(String name) {
    InputStream in = SapParsingTest.class.getResourceAsStream("/source/sap/" + name);
    assertThat(in).as(name).isNotNull();
    return in;
  }

  private static SapMetadata metadata(String name) throws IOException {
    try (InputStream in = resource(name)) {
      return SapMetadata.parse(in);
    }
  }

  @Test
  void v2PageWithMetadataDeferredLinksStringCountAndDates() throws IOException {
    SapPage page = new SapPageParser(SapODataVersion.V2).parse(resource("v2_sales_orders_page1.json"));
    assertThat(page.count()).isEqualTo(3);
    assertThat(page.next()).endsWith("$skiptoken='2'");
    assertThat(page.rows()).hasSize(2);
    assertThat(page.rows().get(0)).doesNotContainKeys("__metadata", "to_Item");

    SapEntitySet set = metadata("v2_metadata.xml").entitySet("API_SALES_ORDER_SRV", "A_SalesOrder");
    Map<String, Object> first = SapValues.convert(page.rows().get(0), set);
    assertThat(first).containsEntry("SalesOrder", "4000043")
        .containsEntry("CreationDate", LocalDate.parse("2005-10-24"))
        .containsEntry("LastChangeDateTime", Instant.parse("2005-10-24T15:36:52Z"))
        .containsEntry("CompleteDeliveryIsDefined", false);
    assertThat(first.get("TotalNetAmount")).isEqualTo(new BigDecimal("2656.24"));
    assertThat(first.get("PriceDetnExchangeRate")).isEqualTo(new BigDecimal("1.00000"));
    Map<String, Object> second = SapValues.convert(page.rows().get(1), set);
    assertThat(second.get("TotalNetAmount")).isEqualTo(new BigDecimal("12345678901234.567"));
    assertThat(second).containsEntry("CreationDate", LocalDate.parse("1969-12-31"))
        .containsEntry("LastChangeDateTime", null);
  }

  @Test
  void v4PagesFollowNextLinkAndKeepDecimalsExact() throws IOException {
    SapPageParser parser = new SapPageParser(SapODataVersion.V4);
    SapEntitySet set = metadata("v4_metadata.xml").entitySet("api_salesorder", "SalesOrder");
    SapPage page = parser.parse(resource("v4_sales_orders_page.json"));
    assertThat(page.count()).isEqualTo(3);
    assertThat(page.next()).isEqualTo("SalesOrder?$count=true&$skiptoken=2");
    assertThat(page.rows()).hasSize(2);
    assertThat(page.rows().get(0)).doesNotContainKey("@odata.etag");
    Map<String, Object> a = SapValues.convert(page.rows().get(0), set);
    assertThat(a).containsEntry("SalesOrderDate", LocalDate.parse("2024-01-01"))
        .containsEntry("LastChangeDateTime", Instant.parse("2024-01-01T12:00:00.1234567Z"));
    assertThat(a.get("TotalNetAmount")).isEqualTo(new BigDecimal("2656.24"));
    Map<String, Object> b = SapValues.convert(page.rows().get(1), set);
    assertThat(b).containsEntry("LastChangeDateTime", Instant.parse("2024-02-29T22:59:59Z"));
    assertThat(b.get("TotalNetAmount")).isEqualTo(new BigDecimal("12345678901234.567"));

    SapPage last = parser.parse(resource("v4_sales_orders_last.json"));
    assertThat(last.next()).isNull();
    assertThat(last.count()).isEqualTo(-1);
    assertThat(SapValues.convert(last.rows().get(0), set).get("TotalNetAmount")).isEqualTo(new BigDecimal("0.001"));
  }

  @Test
  void metadataMapsEdmTypesToColumns() throws IOException {
    SapMetadata m = metadata("v2_metadata.xml");
    assertThat(m.entitySetNames()).containsExactly("A_SalesOrder", "A_SalesOrderItem");
    SapEntitySet so = m.entitySet("API_SALES_ORDER_SRV", "A_SalesOrder");
    assertThat(so.keys()).containsExactly("SalesOrder");
    var schema = so.schema("A_SalesOrder");
    assertThat(schema.columnNames()).containsExactly("SalesOrder", "SalesOrderType", "CreationDate",
        "LastChangeDateTime", "TotalNetAmount", "PriceDetnExchangeRate", "CompleteDeliveryIsDefined");
    assertThat(schema.column("SalesOrder").orElseThrow().type()).isEqualTo(ColumnType.STRING);
    assertThat(schema.column("SalesOrder").orElseThrow().precision()).isEqualTo(10);
    assertThat(schema.column("SalesOrder").orElseThrow().nullable()).isFalse();
    assertThat(schema.column("CreationDate").orElseThrow().type()).isEqualTo(ColumnType.DATE);
    assertThat(schema.column("LastChangeDateTime").orElseThrow().type()).isEqualTo(ColumnType.TIMESTAMP);
    var amount = schema.column("TotalNetAmount").orElseThrow();
    assertThat(List.of(amount.type(), amount.precision(), amount.scale()))
        .containsExactly(ColumnType.DECIMAL, 16, 3);
    assertThat(schema.column("CompleteDeliveryIsDefined").orElseThrow().type()).isEqualTo(ColumnType.BOOLEAN);
    SapEntitySet items = m.entitySet("API_SALES_ORDER_SRV", "A_SalesOrderItem");
    assertThat(items.keys()).containsExactly("SalesOrder", "SalesOrderItem");
    assertThat(items.property("ItemCount").columnType()).isEqualTo(ColumnType.INTEGER);
    assertThat(SapValues.convert(Map.of("ItemCount", "9007199254740993"), items).get("ItemCount"))
        .isEqualTo(9007199254740993L);
  }

  @Test
  void unknownEntitySetIsAConfigErrorListingTheKnownOnes() throws IOException {
    SapMetadata m = metadata("v2_metadata.xml");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.entitySet("API_SALES_ORDER_SRV", "A_SalesOrders"))
        .hasMessageContaining("A_SalesOrders")
        .satisfies(e -> assertThat(((io.tributary.core.TributaryException) e).hint()).contains("A_SalesOrder"));
  }

  @Test
  void filterResumesStrictlyAfterACompositePosition() throws IOException {
    SapEntitySet items = metadata("v2_metadata.xml").entitySet("API_SALES_ORDER_SRV", "A_SalesOrderItem");
    SapFilter keyOnly = new SapFilter(SapODataVersion.V2, items, List.of("SalesOrder", "SalesOrderItem"));
    assertThat(keyOnly.after(Map.of("SalesOrder", "O'1", "SalesOrderItem", "10")))
        .isEqualTo("SalesOrder gt 'O''1' or (SalesOrder eq 'O''1' and (SalesOrderItem gt '10'))");
    assertThat(keyOnly.orderBy()).isEqualTo("SalesOrder asc,SalesOrderItem asc");

    SapEntitySet so = metadata("v2_metadata.xml").entitySet("API_SALES_ORDER_SRV", "A_SalesOrder");
    SapFilter v2 = new SapFilter(SapODataVersion.V2, so, List.of("LastChangeDateTime", "SalesOrder"));
    assertThat(v2.after(Map.of("LastChangeDateTime", "2024-01-01T00:00:01.500Z", "SalesOrder", "42")))
        .isEqualTo("LastChangeDateTime gt datetimeoffset'2024-01-01T00:00:01.500Z' or (LastChangeDateTime eq"
            + " datetimeoffset'2024-01-01T00:00:01.500Z' and (SalesOrder gt '42'))");
    SapFilter byDate = new SapFilter(SapODataVersion.V2, so, List.of("CreationDate", "SalesOrder"));
    assertThat(byDate.atOrAfter("CreationDate", "2024-01-02")).isEqualTo("CreationDate ge datetime'2024-01-02T00:00:00.000'");
    SapFilter v4 = new SapFilter(SapODataVersion.V4, so, List.of("LastChangeDateTime", "SalesOrder"));
    assertThat(v4.atOrAfter("LastChangeDateTime", "2024-01-01T00:00:00Z"))
        .isEqualTo("LastChangeDateTime ge 2024-01-01T00:00:00Z");
  }

  @Test
  void unparseableValuesStayRawForQuarantine() throws IOException {
    SapEntitySet so = metadata("v2_metadata.xml").entitySet("API_SALES_ORDER_SRV", "A_SalesOrder");
    Map<String, Object> out = SapValues.convert(Map.of("TotalNetAmount", "1O5.00", "CreationDate", "/Date(x)/"), so);
    assertThat(out).containsEntry("TotalNetAmount", "1O5.00").containsEntry("CreationDate", "/Date(x)/");
  }
}
