package io.tributary.sandbox.salesforce;

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
 * Turns dataset rows into Salesforce field values: a pure function of (seed, object, index, version). Values are Java
 * typed (String, Boolean, Long, BigDecimal, LocalDate, Instant, Map for the address compound, or null); tests use
 * {@link #record} as ground truth.
 *
 * <p>Fields that identify a row (names, owner, account) depend on the index only; business fields (stage, amount,
 * type, revenue) also depend on the row's version, so a touched row really changes.
 */
public final class SalesforceRecords {

  private static final List<String> FIRST = List.of("Ada", "Ben", "Chloé", "Dev", "Eva", "Farid", "Grace", "Hiro",
      "Ines", "Jonas", "Kemi", "Liam", "Maya", "Noor", "Olek", "Priya", "Quinn", "Rosa", "Sven", "Tariq");
  private static final List<String> LAST = List.of("Okafor", "Lindqvist", "O'Brien", "Nakamura", "García", "Smith",
      "Kowalski", "Haddad", "Chen", "Müller", "Dubois", "Rossi", "Patel", "Johansson", "Novak", "Silva");
  private static final List<String> COMPANY = List.of("Blue Harbor", "Northwind", "Summit", "Granite", "Redwood",
      "Lakeside", "Pioneer", "Crescent", "Ironbridge", "Silverline", "Oakmont", "Brightwater");
  private static final List<String> SUFFIX = List.of("Logistics", "Foods", "Energy", "Bank", "Health",
      "Robotics", "Media", "Smith, Jones & Co", "\"Quoted\" Traders", "Telecom");
  private static final List<String> PRODUCTS = List.of("Portable Generators", "Installations", "SLA Renewal",
      "Refinery Generators", "Office Equipment", "Annual Support", "Fleet Upgrade");
  private static final List<String> TITLES = List.of("CEO", "CFO", "VP Sales", "Buyer", "Engineer", "Director, IT");
  private static final List<String[]> CITIES = List.of(
      new String[] {"San Francisco", "CA", "94105", "USA"}, new String[] {"Austin", "TX", "78701", "USA"},
      new String[] {"Toronto", "ON", "M5H 2N2", "Canada"}, new String[] {"London", null, "EC1A 1BB", "UK"},
      new String[] {"Berlin", "BE", "10115", "Germany"}, new String[] {"Osaka", "Osaka", "530-0001", "Japan"});

  private final SandboxDataset dataset;

  public SalesforceRecords(SandboxDataset dataset) {
    this.dataset = dataset;
  }

  public SandboxDataset dataset() {
    return dataset;
  }

  /** The fields of row {@code index} in its current state. */
  public Map<String, Object> record(String object, long index) {
    return record(dataset.row(SalesforceSchema.object(object).name(), index));
  }

  /** Every field of a row, in describe order. */
  public Map<String, Object> record(RowState row) {
    SalesforceObject type = SalesforceSchema.object(row.object());
    SplittableRandom fixed = dataset.random(row.object(), row.index(), 0);
    SplittableRandom changing = dataset.random(row.object(), row.index(), row.version());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("Id", type.id(row.index()));
    if (type.field("IsDeleted") != null) {
      r.put("IsDeleted", row.deleted());
    }
    switch (type.name()) {
      case "Account" -> account(r, row, fixed, changing);
      case "Contact" -> contact(r, row, fixed, changing);
      case "Opportunity" -> opportunity(r, row, fixed, changing);
      default -> user(r, row, fixed);
    }
    r.put("CreatedDate", row.createdAt());
    r.put("LastModifiedDate", row.modifiedAt());
    r.put("SystemModstamp", row.modifiedAt());
    return r;
  }

  /**
   * The value at a select path: a field ({@code Name}) or one relationship hop ({@code Owner.Name}). Returns null
   * when the reference is null.
   */
  public Object value(Map<String, Object> record, SalesforceObject type, String path) {
    int dot = path.indexOf('.');
    if (dot < 0) {
      return record.get(type.field(path).name());
    }
    SalesforceField ref = type.relationship(path.substring(0, dot));
    Map<String, Object> parent = parent(record, ref);
    if (parent == null) {
      return null;
    }
    SalesforceObject parentType = SalesforceSchema.object(ref.referenceTo());
    return parent.get(parentType.field(path.substring(dot + 1)).name());
  }

  /** The referenced record of a reference field, or null when the reference is empty. */
  public Map<String, Object> parent(Map<String, Object> record, SalesforceField ref) {
    String id = (String) record.get(ref.name());
    if (id == null) {
      return null;
    }
    SalesforceObject parentType = SalesforceSchema.object(ref.referenceTo());
    long index = SalesforceIds.indexOf(parentType.keyPrefix(), id);
    return index < 0 || index >= dataset.size(parentType.name()) ? null : record(parentType.name(), index);
  }

  private void account(Map<String, Object> r, RowState row, SplittableRandom fixed, SplittableRandom changing) {
    String name = pick(fixed, COMPANY) + " " + pick(fixed, SUFFIX) + " " + row.index();
    String[] city = pick(fixed, CITIES);
    String street = (1 + fixed.nextInt(999)) + " " + pick(fixed, COMPANY) + " Street";
    r.put("Name", name);
    r.put("Type", pick(changing, SalesforceSchema.ACCOUNT_TYPES));
    r.put("Industry", fixed.nextInt(10) == 0 ? null : pick(fixed, SalesforceSchema.INDUSTRIES));
    r.put("BillingStreet", street);
    r.put("BillingCity", city[0]);
    r.put("BillingState", city[1]);
    r.put("BillingPostalCode", city[2]);
    r.put("BillingCountry", city[3]);
    Map<String, Object> address = new LinkedHashMap<>();
    address.put("city", city[0]);
    address.put("country", city[3]);
    address.put("geocodeAccuracy", null);
    address.put("latitude", null);
    address.put("longitude", null);
    address.put("postalCode", city[2]);
    address.put("state", city[1]);
    address.put("street", street);
    r.put("BillingAddress", address);
    r.put("Phone", phone(fixed));
    r.put("Website", "https://www." + name.toLowerCase().replaceAll("[^a-z0-9]+", "") + ".example.com");
    r.put("AnnualRevenue", changing.nextInt(8) == 0 ? null : BigDecimal.valueOf(100_000L * (1 + changing.nextInt(50_000))));
    r.put("NumberOfEmployees", (long) (1 + fixed.nextInt(250_000)));
    r.put("OwnerId", owner(fixed));
  }

  private void contact(Map<String, Object> r, RowState row, SplittableRandom fixed, SplittableRandom changing) {
    String first = pick(fixed, FIRST);
    String last = pick(fixed, LAST);
    r.put("AccountId", reference(fixed, "Account", 20));
    r.put("LastName", last);
    r.put("FirstName", first);
    r.put("Name", first + " " + last);
    r.put("Title", pick(changing, TITLES));
    r.put("Email", ascii(first) + "." + ascii(last) + row.index() + "@example.com");
    r.put("Phone", phone(fixed));
    r.put("LeadSource", changing.nextInt(6) == 0 ? null : pick(changing, SalesforceSchema.LEAD_SOURCES));
    r.put("Birthdate", fixed.nextInt(3) == 0 ? null : LocalDate.of(1950, 1, 1).plusDays(fixed.nextInt(18_000)));
    r.put("OwnerId", owner(fixed));
  }

  private void opportunity(Map<String, Object> r, RowState row, SplittableRandom fixed, SplittableRandom changing) {
    List<String> stages = List.copyOf(SalesforceSchema.STAGES.keySet());
    String stage = pick(changing, stages);
    r.put("AccountId", reference(fixed, "Account", 10));
    r.put("Name", pick(fixed, COMPANY) + " " + pick(fixed, PRODUCTS) + " " + row.index());
    r.put("StageName", stage);
    r.put("Amount", changing.nextInt(20) == 0 ? null : BigDecimal.valueOf(changing.nextLong(1_000, 100_000_000), 2));
    r.put("Probability", BigDecimal.valueOf(SalesforceSchema.STAGES.get(stage)));
    r.put("CloseDate", row.createdAt().atZone(ZoneOffset.UTC).toLocalDate().plusDays(fixed.nextInt(365)));
    r.put("Type", changing.nextInt(5) == 0 ? null : pick(changing, SalesforceSchema.OPPORTUNITY_TYPES));
    r.put("IsClosed", stage.startsWith("Closed"));
    r.put("IsWon", stage.equals("Closed Won"));
    r.put("OwnerId", owner(fixed));
  }

  private void user(Map<String, Object> r, RowState row, SplittableRandom fixed) {
    String first = pick(fixed, FIRST);
    String last = pick(fixed, LAST);
    String login = ascii(first) + "." + ascii(last) + row.index();
    r.put("Username", login + "@sandbox.tributary.example");
    r.put("LastName", last);
    r.put("FirstName", first);
    r.put("Name", first + " " + last);
    r.put("Email", login + "@example.com");
    r.put("IsActive", fixed.nextInt(10) != 0);
  }

  private String owner(SplittableRandom r) {
    long users = Math.max(1, dataset.baseSize("User"));
    return SalesforceSchema.object("User").id(r.nextLong(users));
  }

  /** A reference to a generated row of {@code object}, null one time in {@code nullOneIn}. */
  private String reference(SplittableRandom r, String object, int nullOneIn) {
    long rows = dataset.baseSize(object);
    long pick = r.nextLong(Math.max(1, rows));
    return rows == 0 || r.nextInt(nullOneIn) == 0 ? null : SalesforceSchema.object(object).id(pick);
  }

  private static String phone(SplittableRandom r) {
    return String.format("(%03d) 555-%04d", 200 + r.nextInt(700), r.nextInt(10_000));
  }

  private static String ascii(String s) {
    return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "")
        .toLowerCase();
  }

  private static <T> T pick(SplittableRandom r, List<T> values) {
    return values.get(r.nextInt(values.size()));
  }
}
