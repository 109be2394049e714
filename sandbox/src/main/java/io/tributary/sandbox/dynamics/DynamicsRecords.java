package io.tributary.sandbox.dynamics;

import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxDataset;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns dataset rows into Dataverse entity JSON: a pure function of (seed, table, index, version). Money keeps four
 * decimals ({@code 31000.0000}), datetimes are ISO-8601 UTC without fraction, lookups are {@code _x_value} GUIDs, as
 * in the Web API samples (fixtures dynamics365/doc_paging_*). Tests use {@link #entity} as ground truth.
 */
public final class DynamicsRecords {

  static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
      .withZone(ZoneOffset.UTC);
  private static final List<String> NAMES = List.of("Fourth Coffee", "Litware, Inc.", "Adventure Works",
      "Contoso Pharmaceuticals", "Blue Yonder Airlines", "A. Datum Corporation", "Coho Winery");
  private static final List<String> PEOPLE = List.of("Maria Cambell", "Nancy Anderson", "Susanna Stubberod",
      "Rene Valdes", "Paul Cannon", "Sidney Higa", "Scott Konersmann");
  private static final List<String> STEPS = List.of("1-Qualify", "2-Develop", "3-Propose", "4-Close");
  private static final List<String> TITLES = List.of("Accounts Manager", "Purchasing Agent", "Owner", "CFO");

  private final SandboxDataset dataset;

  public DynamicsRecords(SandboxDataset dataset) {
    this.dataset = dataset;
  }

  /**
   * Every attribute of a row (or the selected ones), with {@code @odata.etag} first and the primary id always
   * included, as the Web API returns it.
   *
   * @param formatted add {@code @OData.Community.Display.V1.FormattedValue} annotations
   * @param corrupt put an impossible date into {@code createdon}
   */
  public Map<String, Object> entity(DynamicsCatalog.Table table, RowState row, Collection<String> select,
      boolean formatted, boolean corrupt) {
    SplittableRandom fixed = dataset.random(table.logicalName(), row.index(), 0);
    SplittableRandom changing = dataset.random(table.logicalName(), row.index(), row.version());
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("@odata.etag", "W/\"" + (900_000 + row.index() * 10 + row.version()) + "\"");
    for (DynamicsCatalog.Attribute a : table.attributes()) {
      if (select != null && !select.isEmpty() && !select.contains(a.property()) && !a.logicalName()
          .equals(table.primaryId())) {
        continue;
      }
      Object v = value(table, a, row, fixed, changing);
      if (formatted && v != null && !a.type().equals("String") && !a.type().equals("Uniqueidentifier")) {
        e.put(a.property() + "@OData.Community.Display.V1.FormattedValue", format(a, v));
      }
      e.put(a.property(), corrupt && a.logicalName().equals("createdon") ? "2024-13-45T99:99:99Z" : v);
    }
    return e;
  }

  private Object value(DynamicsCatalog.Table t, DynamicsCatalog.Attribute a, RowState row, SplittableRandom fixed,
      SplittableRandom changing) {
    long i = row.index();
    return switch (a.logicalName()) {
      case "accountid", "contactid", "opportunityid" -> t.id(i);
      case "name" -> NAMES.get(fixed.nextInt(NAMES.size())) + " " + i;
      case "fullname" -> PEOPLE.get(fixed.nextInt(PEOPLE.size())) + " " + i;
      // the ERP customer number, as account numbers usually are: NetSuite's simulated entityid of the same index
      case "accountnumber" -> fixed.nextInt(4) == 0 ? null : "CUST" + (i + 1);
      case "telephone1" -> "555-" + String.format(Locale.ROOT, "%04d", changing.nextInt(10_000));
      case "jobtitle" -> TITLES.get(changing.nextInt(TITLES.size()));
      case "revenue", "annualincome", "estimatedvalue" -> changing.nextInt(8) == 0 ? null
          : BigDecimal.valueOf(changing.nextLong(0, 100_000_000L), 2).setScale(4);
      case "numberofemployees" -> (long) fixed.nextInt(1, 5_000);
      case "industrycode" -> (long) (1 + changing.nextInt(30));
      // opportunity: 0 Open, 1 Won, 2 Lost; other tables: 0 Active, 1 Inactive
      case "statecode" -> t == DynamicsCatalog.OPPORTUNITY ? (long) changing.nextInt(3) : row.deleted() ? 1L : 0L;
      case "closeprobability" -> (long) changing.nextInt(0, 101);
      case "stepname" -> STEPS.get(changing.nextInt(STEPS.size()));
      case "estimatedclosedate" -> ISO.format(row.createdAt().plusSeconds(86_400L * fixed.nextInt(1, 120)));
      case "donotphone" -> changing.nextBoolean();
      case "exchangerate" -> new BigDecimal("1.0000000000");
      case "primarycontactid" -> DynamicsCatalog.CONTACT.id(fixed.nextLong(0, Math.max(1, i + 1)));
      case "parentcustomerid", "parentaccountid" -> DynamicsCatalog.ACCOUNT.id(fixed.nextLong(0, Math.max(1, i + 1)));
      case "createdon" -> ISO.format(row.createdAt());
      case "modifiedon" -> ISO.format(row.modifiedAt());
      default -> null;
    };
  }

  private static String format(DynamicsCatalog.Attribute a, Object v) {
    return switch (a.type()) {
      case "Money" -> NumberFormat.getCurrencyInstance(Locale.US).format(v);
      case "Boolean" -> Boolean.TRUE.equals(v) ? "Yes" : "No";
      case "State" -> ((Long) v) == 0 ? "Active" : "Inactive";
      case "DateTime" -> DateTimeFormatter.ofPattern("M/d/yyyy h:mm a", Locale.US).withZone(ZoneOffset.UTC)
          .format(Instant.parse((String) v));
      case "Lookup", "Customer" -> "Record " + ((String) v).substring(0, 8);
      default -> String.valueOf(v);
    };
  }
}
