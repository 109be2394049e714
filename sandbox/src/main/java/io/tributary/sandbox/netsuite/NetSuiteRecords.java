package io.tributary.sandbox.netsuite;

import static io.tributary.sandbox.netsuite.SuiteQlTable.Kind.BOOL;
import static io.tributary.sandbox.netsuite.SuiteQlTable.Kind.DATE;
import static io.tributary.sandbox.netsuite.SuiteQlTable.Kind.DATETIME;
import static io.tributary.sandbox.netsuite.SuiteQlTable.Kind.DECIMAL;
import static io.tributary.sandbox.netsuite.SuiteQlTable.Kind.INT;
import static io.tributary.sandbox.netsuite.SuiteQlTable.Kind.TEXT;

import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxDataset;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The simulated tables and the field values of each dataset row: a pure function of the row's state, so tests
 * recompute the expected values. Datetimes have whole seconds, as NetSuite stores them.
 */
public final class NetSuiteRecords {

  public static final List<String> TRANSACTION_TYPES = List.of("CustInvc", "SalesOrd", "CashSale", "VendBill");
  private static final List<String> NAMES = List.of("Acme", "Alpha", "Apex", "Borealis", "Cobalt", "Delta", "Ember");

  static final SuiteQlTable CUSTOMER = SuiteQlTable.of("customer", "id", "lastmodifieddate", List.of(
      "id", INT, "entityid", TEXT, "companyname", TEXT, "email", TEXT, "balance", DECIMAL, "isinactive", BOOL,
      "datecreated", DATETIME, "lastmodifieddate", DATETIME));
  static final SuiteQlTable TRANSACTION = SuiteQlTable.of("transaction", "id", "lastmodifieddate", List.of(
      "id", INT, "tranid", TEXT, "type", TEXT, "entity", INT, "trandate", DATE, "foreigntotal", DECIMAL,
      "status", TEXT, "createddate", DATETIME, "lastmodifieddate", DATETIME));
  static final SuiteQlTable TRANSACTION_LINE = SuiteQlTable.of("transactionline", "uniquekey",
      "linelastmodifieddate", List.of("uniquekey", INT, "transaction", INT, "id", INT, "item", INT, "quantity",
          DECIMAL, "netamount", DECIMAL, "linelastmodifieddate", DATETIME));
  static final List<SuiteQlTable> TABLES = List.of(CUSTOMER, TRANSACTION, TRANSACTION_LINE);

  private final SandboxDataset dataset;
  private final ZoneId zone;

  public NetSuiteRecords(SandboxDataset dataset, ZoneId zone) {
    this.dataset = dataset;
    this.zone = zone;
  }

  static SuiteQlTable table(String name) {
    return TABLES.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst().orElse(null);
  }

  /** Typed values (Long, String, BigDecimal, Boolean, LocalDate, Instant) of one row; nulls are absent. */
  public Map<String, Object> values(String table, RowState s) {
    SplittableRandom r = dataset.random(table, s.index(), s.version());
    long key = s.index() + 1;
    Instant modified = s.modifiedAt().truncatedTo(ChronoUnit.SECONDS);
    Instant created = s.createdAt().truncatedTo(ChronoUnit.SECONDS);
    Map<String, Object> v = new HashMap<>();
    switch (table) {
      case "customer" -> {
        v.put("id", key);
        v.put("entityid", "CUST" + key);
        v.put("companyname", NAMES.get(r.nextInt(NAMES.size())) + " " + key);
        if (r.nextInt(5) > 0) {
          v.put("email", "ap" + key + "@example.com");
        }
        v.put("balance", BigDecimal.valueOf(r.nextLong(-100_000, 10_000_000), 2));
        v.put("isinactive", r.nextInt(10) == 0);
        v.put("datecreated", created);
        v.put("lastmodifieddate", modified);
      }
      case "transaction" -> {
        String type = TRANSACTION_TYPES.get(r.nextInt(TRANSACTION_TYPES.size()));
        v.put("id", key);
        v.put("tranid", (type.equals("SalesOrd") ? "SO" : "INV") + key);
        v.put("type", type);
        v.put("entity", 1 + r.nextLong(Math.max(1, sizeOf("customer"))));
        v.put("trandate", created.atZone(zone).toLocalDate());
        v.put("foreigntotal", BigDecimal.valueOf(r.nextLong(0, 50_000_000), 2));
        v.put("status", r.nextBoolean() ? "A" : "B");
        v.put("createddate", created);
        v.put("lastmodifieddate", modified);
      }
      default -> {
        v.put("uniquekey", key);
        v.put("transaction", s.index() / 3 + 1);
        v.put("id", s.index() % 3);
        v.put("item", 100 + r.nextLong(500));
        v.put("quantity", BigDecimal.valueOf(r.nextLong(1, 100_000), 3));
        v.put("netamount", BigDecimal.valueOf(r.nextLong(-1_000_000, 10_000_000), 2));
        v.put("linelastmodifieddate", modified);
      }
    }
    return v;
  }

  private long sizeOf(String table) {
    return dataset.defines(table) ? dataset.baseSize(table) : 1;
  }
}
