package io.tributary.sandbox.oracleerp;

import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxDataset;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The three Financials resources the simulator serves and the attribute values of each dataset row, a pure function of
 * the row's state, so tests recompute the expected values. Attribute names and kinds are those of the REST API for
 * Oracle Fusion Cloud Financials ("Invoices", "Suppliers") and Procurement ("Purchase Orders"), a subset of each.
 */
public final class OracleErpCatalog {

  /** How an attribute is typed on the wire and compared in {@code q}. */
  public enum Kind { INTEGER, TEXT, NUMBER, DATE, DATETIME }

  /** Computes one attribute from the row and the row's random sequence (drawn in declaration order). */
  @FunctionalInterface
  interface Generator {
    Object value(RowState s, SplittableRandom r);
  }

  public record Attribute(String name, Kind kind, Generator generator) {}

  /**
   * @param name the resource name in the path, e.g. {@code invoices}
   * @param key the attribute that identifies an item
   */
  public record Resource(String name, String key, List<Attribute> attributes) {

    public Attribute attribute(String attributeName) {
      return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst().orElse(null);
    }
  }

  /** Oracle's surrogate keys are large numbers such as 300000047507499; row {@code i} has {@code ID_BASE + i + 1}. */
  public static final long ID_BASE = 300_000_000_000_000L;
  public static final String LAST_UPDATE_DATE = "LastUpdateDate";

  private static final List<String> NAMES = List.of("Advanced Network Devices", "Blue Harbor Logistics",
      "Cobalt Office Supply", "Delta Facilities", "Evergreen Components", "Fairway Consulting", "Granite Metals");
  private static final List<String> CURRENCIES = List.of("USD", "USD", "EUR", "GBP");
  private static final List<String> BUSINESS_UNITS = List.of("US1 Business Unit", "UK Business Unit");

  private final SandboxDataset dataset;
  private final List<Resource> resources;

  OracleErpCatalog(SandboxDataset dataset) {
    this.dataset = dataset;
    this.resources = List.of(invoices(), suppliers(), purchaseOrders());
  }

  public List<Resource> resources() {
    return resources;
  }

  public Resource resource(String name) {
    return resources.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
  }

  /** Typed values (Long, String, BigDecimal, LocalDate, Instant, or null) of one row, in attribute order. */
  public Map<String, Object> values(Resource resource, RowState s) {
    SplittableRandom r = dataset.random(resource.name(), s.index(), s.version());
    Map<String, Object> v = new LinkedHashMap<>();
    for (Attribute a : resource.attributes()) {
      v.put(a.name(), a.generator().value(s, r));
    }
    return v;
  }

  /** The supplier name of supplier row {@code index}: stable, so invoices and orders can name their supplier. */
  static String supplierName(long index) {
    return NAMES.get((int) (index % NAMES.size())) + " " + (index + 1);
  }

  private long supplierIndex(SplittableRandom r) {
    return r.nextLong(Math.max(1, dataset.defines("suppliers") ? dataset.baseSize("suppliers") : 1));
  }

  private Resource invoices() {
    return new Resource("invoices", "InvoiceId", List.of(
        a("InvoiceId", Kind.INTEGER, (s, r) -> ID_BASE + s.index() + 1),
        a("InvoiceNumber", Kind.TEXT, (s, r) -> "INV-" + (10_000 + s.index())),
        a("InvoiceCurrency", Kind.TEXT, (s, r) -> CURRENCIES.get(r.nextInt(CURRENCIES.size()))),
        a("InvoiceAmount", Kind.NUMBER, (s, r) -> BigDecimal.valueOf(r.nextLong(1_000, 5_000_000), 2)),
        a("InvoiceDate", Kind.DATE, (s, r) -> LocalDate.ofInstant(s.createdAt(), ZoneOffset.UTC)),
        a("BusinessUnit", Kind.TEXT, (s, r) -> BUSINESS_UNITS.get(r.nextInt(BUSINESS_UNITS.size()))),
        a("Supplier", Kind.TEXT, (s, r) -> supplierName(supplierIndex(r))),
        a("InvoiceType", Kind.TEXT, (s, r) -> r.nextInt(10) == 0 ? "Credit memo" : "Standard"),
        a("ValidationStatus", Kind.TEXT, (s, r) -> r.nextInt(5) == 0 ? "Needs revalidation" : "Validated"),
        a("ApprovalStatus", Kind.TEXT, (s, r) -> r.nextInt(4) == 0 ? "Required" : "Approved"),
        a("PaidStatus", Kind.TEXT, (s, r) -> r.nextBoolean() ? "Paid" : "Unpaid"),
        a("Description", Kind.TEXT, (s, r) -> r.nextInt(3) == 0 ? null : "Services for period " + s.index() % 12),
        a("CreationDate", Kind.DATETIME, (s, r) -> s.createdAt()),
        a("CreatedBy", Kind.TEXT, (s, r) -> "AP.CLERK"),
        a(LAST_UPDATE_DATE, Kind.DATETIME, (s, r) -> s.modifiedAt()),
        a("LastUpdatedBy", Kind.TEXT, (s, r) -> s.version() == 0 ? "AP.CLERK" : "AP.MANAGER")));
  }

  private Resource suppliers() {
    return new Resource("suppliers", "SupplierId", List.of(
        a("SupplierId", Kind.INTEGER, (s, r) -> ID_BASE + s.index() + 1),
        a("SupplierPartyId", Kind.INTEGER, (s, r) -> ID_BASE + 500_000_000L + s.index() + 1),
        a("Supplier", Kind.TEXT, (s, r) -> supplierName(s.index())),
        a("SupplierNumber", Kind.TEXT, (s, r) -> Long.toString(1_000 + s.index())),
        a("AlternateName", Kind.TEXT, (s, r) -> r.nextInt(3) == 0 ? null : "ALT " + supplierName(s.index())),
        a("TaxOrganizationType", Kind.TEXT, (s, r) -> r.nextInt(4) == 0 ? "Individual" : "Corporation"),
        a("SupplierType", Kind.TEXT, (s, r) -> r.nextBoolean() ? "Services" : "Supplier"),
        a("BusinessRelationship", Kind.TEXT, (s, r) -> r.nextInt(6) == 0 ? "Prospective" : "Spend Authorized"),
        a("Status", Kind.TEXT, (s, r) -> r.nextInt(15) == 0 ? "INACTIVE" : "ACTIVE"),
        a("CreationDate", Kind.DATETIME, (s, r) -> s.createdAt()),
        a("CreatedBy", Kind.TEXT, (s, r) -> "SUPPLIER.ADMIN"),
        a(LAST_UPDATE_DATE, Kind.DATETIME, (s, r) -> s.modifiedAt()),
        a("LastUpdatedBy", Kind.TEXT, (s, r) -> "SUPPLIER.ADMIN")));
  }

  private Resource purchaseOrders() {
    return new Resource("purchaseOrders", "POHeaderId", List.of(
        a("POHeaderId", Kind.INTEGER, (s, r) -> ID_BASE + s.index() + 1),
        a("OrderNumber", Kind.TEXT, (s, r) -> "US" + (160_000 + s.index())),
        a("ProcurementBU", Kind.TEXT, (s, r) -> BUSINESS_UNITS.get(r.nextInt(BUSINESS_UNITS.size()))),
        a("Buyer", Kind.TEXT, (s, r) -> r.nextBoolean() ? "Calvin Roth" : "Jamie Ortiz"),
        a("Supplier", Kind.TEXT, (s, r) -> supplierName(supplierIndex(r))),
        a("Status", Kind.TEXT, (s, r) -> List.of("Open", "Open", "Closed", "Pending Approval").get(r.nextInt(4))),
        a("CurrencyCode", Kind.TEXT, (s, r) -> CURRENCIES.get(r.nextInt(CURRENCIES.size()))),
        a("Ordered", Kind.NUMBER, (s, r) -> BigDecimal.valueOf(r.nextLong(10_000, 90_000_000), 2)),
        a("CreationDate", Kind.DATETIME, (s, r) -> s.createdAt()),
        a(LAST_UPDATE_DATE, Kind.DATETIME, (s, r) -> s.modifiedAt())));
  }

  private static Attribute a(String name, Kind kind, Generator g) {
    return new Attribute(name, kind, g);
  }
}
