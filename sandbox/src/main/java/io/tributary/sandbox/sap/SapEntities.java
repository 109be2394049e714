package io.tributary.sandbox.sap;

import io.tributary.sandbox.RowState;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The simulated entity sets. Property names, types and facets follow the API_SALES_ORDER_SRV OpenAPI extract in
 * ../shared/fixtures/sap (decimal {@code multipleOf 0.001} → Scale 3, {@code /Date(...)/} examples → Edm.DateTime
 * with {@code sap:display-format="Date"} for dates and Edm.DateTimeOffset for {@code LastChangeDateTime}). Keys are
 * fixed-width digit strings that grow with the row index, so key order is index order. A_SalesOrderItem has no
 * documented change timestamp; the simulator gives it {@code LastChangeDateTime} so the composite-key incremental
 * path can be exercised, and says so in docs/sources/sap.md.
 */
final class SapEntities {

  static final String SALES = "API_SALES_ORDER_SRV";
  static final String BP = "API_BUSINESS_PARTNER";
  static final long ID_BASE = 10_000_000L;
  static final int ITEMS_PER_ORDER = 3;
  private static final String DATE = "Precision=\"0\" sap:display-format=\"Date\"";

  static final List<SapEntity> ALL = List.of(salesOrder(), salesOrderItem(), businessPartner());

  private SapEntities() {}

  static SapEntity find(String service, String set) {
    return ALL.stream().filter(e -> e.service().equals(service) && e.set().equals(set)).findFirst().orElse(null);
  }

  static boolean hasService(String service) {
    return ALL.stream().anyMatch(e -> e.service().equals(service));
  }

  private static SapEntity salesOrder() {
    List<SapEntity.Prop> props = List.of(
        p("SalesOrder", "Edm.String", "Nullable=\"false\" MaxLength=\"10\""),
        p("SalesOrderType", "Edm.String", "MaxLength=\"4\""),
        p("SalesOrganization", "Edm.String", "MaxLength=\"4\""),
        p("SoldToParty", "Edm.String", "MaxLength=\"10\""),
        p("CreationDate", "Edm.DateTime", DATE),
        p("LastChangeDate", "Edm.DateTime", DATE),
        p("LastChangeDateTime", "Edm.DateTimeOffset", "Precision=\"7\""),
        p("TotalNetAmount", "Edm.Decimal", "Precision=\"16\" Scale=\"3\""),
        p("TransactionCurrency", "Edm.String", "MaxLength=\"5\""),
        p("PriceDetnExchangeRate", "Edm.Decimal", "Precision=\"9\" Scale=\"5\""),
        p("OverallDeliveryStatus", "Edm.String", "MaxLength=\"1\""),
        p("CompleteDeliveryIsDefined", "Edm.Boolean", ""));
    return new SapEntity(SALES, "A_SalesOrder", "A_SalesOrderType", List.of("SalesOrder"), props, "TotalNetAmount",
        (row, r) -> {
          Map<String, Object> v = new LinkedHashMap<>();
          v.put("SalesOrder", id(row.index()));
          v.put("SalesOrderType", "OR");
          v.put("SalesOrganization", r.nextBoolean() ? "1010" : "1710");
          v.put("SoldToParty", id(r.nextInt(1000)));
          v.put("CreationDate", day(row.createdAt()));
          v.put("LastChangeDate", day(row.modifiedAt()));
          v.put("LastChangeDateTime", row.modifiedAt());
          v.put("TotalNetAmount", BigDecimal.valueOf(r.nextLong(100, 10_000_000), 2));
          v.put("TransactionCurrency", r.nextBoolean() ? "EUR" : "USD");
          v.put("PriceDetnExchangeRate", new BigDecimal("1.00000"));
          v.put("OverallDeliveryStatus", List.of("A", "B", "C").get(r.nextInt(3)));
          v.put("CompleteDeliveryIsDefined", r.nextBoolean());
          return v;
        });
  }

  private static SapEntity salesOrderItem() {
    List<SapEntity.Prop> props = List.of(
        p("SalesOrder", "Edm.String", "Nullable=\"false\" MaxLength=\"10\""),
        p("SalesOrderItem", "Edm.String", "Nullable=\"false\" MaxLength=\"6\""),
        p("SalesOrderItemCategory", "Edm.String", "MaxLength=\"4\""),
        p("Material", "Edm.String", "MaxLength=\"40\""),
        p("RequestedQuantity", "Edm.Decimal", "Precision=\"15\" Scale=\"3\""),
        p("RequestedQuantityUnit", "Edm.String", "MaxLength=\"3\""),
        p("NetAmount", "Edm.Decimal", "Precision=\"16\" Scale=\"3\""),
        p("TransactionCurrency", "Edm.String", "MaxLength=\"5\""),
        p("LastChangeDateTime", "Edm.DateTimeOffset", "Precision=\"7\""));
    return new SapEntity(SALES, "A_SalesOrderItem", "A_SalesOrderItemType", List.of("SalesOrder", "SalesOrderItem"),
        props, "NetAmount", (row, r) -> {
          Map<String, Object> v = new LinkedHashMap<>();
          v.put("SalesOrder", id(row.index() / ITEMS_PER_ORDER));
          v.put("SalesOrderItem", Long.toString((row.index() % ITEMS_PER_ORDER + 1) * 10));
          v.put("SalesOrderItemCategory", "TAN");
          v.put("Material", "MZ-FG-" + (100 + r.nextInt(900)));
          v.put("RequestedQuantity", BigDecimal.valueOf(1 + r.nextInt(50)).setScale(3));
          v.put("RequestedQuantityUnit", "PC");
          v.put("NetAmount", BigDecimal.valueOf(r.nextLong(100, 1_000_000), 2));
          v.put("TransactionCurrency", "EUR");
          v.put("LastChangeDateTime", row.modifiedAt());
          return v;
        });
  }

  private static SapEntity businessPartner() {
    List<SapEntity.Prop> props = List.of(
        p("BusinessPartner", "Edm.String", "Nullable=\"false\" MaxLength=\"10\""),
        p("Customer", "Edm.String", "MaxLength=\"10\""),
        p("BusinessPartnerCategory", "Edm.String", "MaxLength=\"1\""),
        p("BusinessPartnerFullName", "Edm.String", "MaxLength=\"81\""),
        p("FirstName", "Edm.String", "MaxLength=\"40\""),
        p("LastName", "Edm.String", "MaxLength=\"40\""),
        p("CreationDate", "Edm.DateTime", DATE),
        p("LastChangeDate", "Edm.DateTime", DATE),
        p("LastChangeTime", "Edm.Time", "Precision=\"0\""));
    return new SapEntity(BP, "A_BusinessPartner", "A_BusinessPartnerType", List.of("BusinessPartner"), props,
        "CreationDate", (row, r) -> {
          Map<String, Object> v = new LinkedHashMap<>();
          String first = List.of("Anna", "Ben", "Chloe", "Dev", "Emil", "Fatima").get(r.nextInt(6));
          String last = List.of("Schmidt", "Okafor", "Rossi", "Tanaka", "Novak").get(r.nextInt(5));
          v.put("BusinessPartner", id(row.index()));
          v.put("Customer", id(row.index()));
          v.put("BusinessPartnerCategory", "1");
          v.put("BusinessPartnerFullName", first + " " + last);
          v.put("FirstName", first);
          v.put("LastName", last);
          v.put("CreationDate", day(row.createdAt()));
          v.put("LastChangeDate", day(row.modifiedAt()));
          long s = row.modifiedAt().getEpochSecond() % 86_400;
          v.put("LastChangeTime", "PT" + pad(s / 3600) + "H" + pad(s / 60 % 60) + "M" + pad(s % 60) + "S");
          return v;
        });
  }

  static String id(long index) {
    return Long.toString(ID_BASE + index);
  }

  private static String pad(long n) {
    return n < 10 ? "0" + n : Long.toString(n);
  }

  private static Instant day(Instant at) {
    return at.truncatedTo(ChronoUnit.DAYS);
  }

  private static SapEntity.Prop p(String name, String edm, String facets) {
    return new SapEntity.Prop(name, edm, facets);
  }

  static Map<String, Object> values(SapEntity e, RowState row, SplittableRandom random) {
    return e.values().apply(row, random);
  }
}
