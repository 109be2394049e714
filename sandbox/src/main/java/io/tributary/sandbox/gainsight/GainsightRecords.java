package io.tributary.sandbox.gainsight;

import static io.tributary.sandbox.GeneratedFields.Kind.CHANGING;
import static io.tributary.sandbox.GeneratedFields.Kind.COUNT;
import static io.tributary.sandbox.GeneratedFields.Kind.CREATED;
import static io.tributary.sandbox.GeneratedFields.Kind.DAY;
import static io.tributary.sandbox.GeneratedFields.Kind.FLAG;
import static io.tributary.sandbox.GeneratedFields.Kind.KEY;
import static io.tributary.sandbox.GeneratedFields.Kind.MODIFIED;
import static io.tributary.sandbox.GeneratedFields.Kind.MONEY;
import static io.tributary.sandbox.GeneratedFields.Kind.NAME;
import static io.tributary.sandbox.GeneratedFields.Kind.WORD;

import io.tributary.sandbox.GeneratedFields;
import io.tributary.sandbox.GeneratedFields.Field;
import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxDataset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The simulated Gainsight tenant: the Company and Relationship objects of the Matrix Data Architecture and Cockpit
 * CTAs, with their standard fields. Ids are 36-character GSIDs that sort in row order, so {@code orderBy Gsid} is the
 * row order. Picklist fields (Stage, Status, a CTA's type, status and priority) hold item GSIDs, as in the Company
 * Read API's sample response; the CTA API adds each item's name as {@code <field>__gr.Name}, as in the Fetch CTA
 * sample. Values are a pure function of the row, so tests recompute them ({@link #values}).
 */
public final class GainsightRecords {

  public static final String COMPANY = "Company";
  public static final String RELATIONSHIP = "Relationship";
  public static final String CTA = "CTA";

  /** Picklist item GSID to its label. */
  static final Map<String, String> PICKLIST = picklist(
      "1I0054U9FAKXZ0H26HO92M3F1G5SPWVQDNF3", "New Customer", "1I0054U9FAKXZ0H26HO92M3F1G5SPWVQDNF4", "Kicked Off",
      "1I0054U9FAKXZ0H26HO92M3F1G5SPWVQDNF5", "Launched", "1I0054U9FAKXZ0H26HO92M3F1G5SPWVQDNF6", "Adopting",
      "1P01OI3OHC9S79J7VN8GQLUQDH0Y52CYFMXW", "Active", "1P01OI3OHC9S79J7VN8GQLUQDH0Y52CYFMXX", "Inactive",
      "1P01OI3OHC9S79J7VN8GQLUQDH0Y52CYFMXY", "Churned",
      "1I00650WACZ7F0X9HR1K21ZPDOQ71DFE4KFG", "Risk", "1I00650WACZ7F0X9HR1K21ZPDOQ71DFE4KFH", "Expansion",
      "1I00650WACZ7F0X9HR1K21ZPDOQ71DFE4KFI", "Lifecycle",
      "1I0017YS8AFRMU8633PP4GQ7M1OFAHSBMCK0", "New", "1I0017YS8AFRMU8633PP4GQ7M1OFAHSBMCK1", "Work In Progress",
      "1I0017YS8AFRMU8633PP4GQ7M1OFAHSBMCK2", "Closed Success",
      "1I0016MVH7ECQMT12KZPJI2HPSK7AC2E4VCR", "Medium", "1I0016MVH7ECQMT12KZPJI2HPSK7AC2E4VCS", "High",
      "1I0016MVH7ECQMT12KZPJI2HPSK7AC2E4VCT", "Low",
      "1I00650WACZ7F0X9HR1K21ZPDOQ71DFE4RL1", "Customer", "1I00650WACZ7F0X9HR1K21ZPDOQ71DFE4RL2", "Partner");

  private static final String[] NAMES = {"Acme", "Heroku", "Northwind", "Globex", "Initech", "Umbrella", "Hooli"};
  private static final String[] INDUSTRIES = {"Software", "Retail", "Banking", "Healthcare", "Manufacturing"};

  static final List<Field> COMPANY_FIELDS = List.of(
      Field.of("Gsid", KEY), Field.words("Name", NAME, NAMES), Field.words("Industry", WORD, INDUSTRIES),
      Field.of("Arr", MONEY), Field.of("Mrr", MONEY), Field.of("Employees", COUNT),
      Field.words("Stage", CHANGING, labelsToIds("New Customer", "Kicked Off", "Launched", "Adopting")),
      Field.words("Status", CHANGING, labelsToIds("Active", "Inactive", "Churned")),
      Field.of("OriginalContractDate", DAY), Field.of("RenewalDate", DAY),
      Field.of("CreatedDate", CREATED), Field.of("ModifiedDate", MODIFIED));

  static final List<Field> RELATIONSHIP_FIELDS = List.of(
      Field.of("Gsid", KEY), Field.words("Name", NAME, "Team", "Division", "Product line", "Region"),
      Field.reference("CompanyId", COMPANY), Field.words("TypeId", WORD, labelsToIds("Customer", "Partner")),
      Field.of("Arr", MONEY), Field.of("Mrr", MONEY),
      Field.words("Status", CHANGING, labelsToIds("Active", "Inactive", "Churned")),
      Field.of("RenewalDate", DAY), Field.of("CreatedDate", CREATED), Field.of("ModifiedDate", MODIFIED));

  static final List<Field> CTA_FIELDS = List.of(
      Field.of("Gsid", KEY), Field.words("Name", NAME, "Renewal", "Onboarding", "Low usage", "Upsell"),
      Field.reference("CompanyId", COMPANY), Field.words("TypeId", WORD, labelsToIds("Risk", "Expansion", "Lifecycle")),
      Field.words("StatusId", CHANGING, labelsToIds("New", "Work In Progress", "Closed Success")),
      Field.words("PriorityId", CHANGING, labelsToIds("High", "Medium", "Low")),
      Field.words("OwnerId", WORD, "1P015825RVB81GPY5OTDQ4GYW31IZC14GWQR", "1P015825RVB81GPY5OTDQ4GYW31IZC14GWQS"),
      Field.words("Comments", CHANGING, "Call scheduled", "Waiting on the customer", "Escalated to support"),
      Field.of("DueDate", DAY), Field.of("IsImportant", FLAG), Field.words("EntityType", WORD, "COMPANY"),
      Field.of("CreatedDate", CREATED), Field.of("ModifiedDate", MODIFIED));

  /** Objects of the Data Management query API by lower-case name (object names are matched without case). */
  static final Map<String, String> QUERY_OBJECTS = Map.of(
      COMPANY.toLowerCase(Locale.ROOT), COMPANY, RELATIONSHIP.toLowerCase(Locale.ROOT), RELATIONSHIP);

  private static final Map<String, String> GSID_PREFIX = Map.of(COMPANY, "1P02", RELATIONSHIP, "1P05", CTA, "1S01");
  private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private final SandboxDataset dataset;

  GainsightRecords(SandboxDataset dataset) {
    this.dataset = dataset;
  }

  /** The declared fields of Company, Relationship or CTA. */
  static List<Field> fields(String object) {
    return object.equals(COMPANY) ? COMPANY_FIELDS : object.equals(RELATIONSHIP) ? RELATIONSHIP_FIELDS : CTA_FIELDS;
  }

  /** The GSID of row {@code index}: an object prefix, the index in base 36 (so GSIDs sort by row) and filler. */
  public static String gsid(String object, long index) {
    StringBuilder id = new StringBuilder(GSID_PREFIX.get(object));
    String n = Long.toString(index, 36).toUpperCase(Locale.ROOT);
    id.append("0".repeat(10 - n.length())).append(n);
    SplittableRandom r = new SplittableRandom(index * 31 + object.hashCode());
    while (id.length() < 36) {
      id.append(DIGITS.charAt(r.nextInt(DIGITS.length())));
    }
    return id.toString();
  }

  /**
   * Every field of one row as typed values; a CTA also gets the lookup names the Fetch CTA API returns
   * ({@code CompanyId__gr.Name}, {@code TypeId__gr.Name}, {@code StatusId__gr.Name}, {@code PriorityId__gr.Name})
   * and {@code IsClosed}.
   */
  public Map<String, Object> values(RowState row) {
    return withLookups(row.object(), GeneratedFields.values(dataset, row, fields(row.object()),
        GainsightRecords::gsid));
  }

  /** Live rows of the object (with the CTA lookups) that {@code where} accepts, in {@code order} or key order. */
  List<Map<String, Object>> matching(String object, Predicate<Map<String, Object>> where,
      Comparator<Map<String, Object>> order) {
    Stream<Map<String, Object>> rows = GeneratedFields.matching(dataset, object, fields(object), GainsightRecords::gsid,
        v -> true, null).stream().map(v -> withLookups(object, v)).filter(where);
    return (order == null ? rows : rows.sorted(order)).toList();
  }

  private Map<String, Object> withLookups(String object, Map<String, Object> v) {
    if (!object.equals(CTA)) {
      return v;
    }
    Map<String, Object> out = new LinkedHashMap<>(v);
    long company = Long.parseLong(((String) v.get("CompanyId")).substring(4, 14), 36);
    out.put("CompanyId__gr.Name", GeneratedFields.values(dataset, dataset.row(COMPANY, company),
        List.of(COMPANY_FIELDS.get(1)), GainsightRecords::gsid).get("Name"));
    for (String f : List.of("TypeId", "StatusId", "PriorityId")) {
      out.put(f + "__gr.Name", PICKLIST.get((String) v.get(f)));
    }
    out.put("IsClosed", "Closed Success".equals(out.get("StatusId__gr.Name")));
    return out;
  }

  private static Map<String, String> picklist(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return Map.copyOf(m);
  }

  private static String[] labelsToIds(String... labels) {
    Map<String, String> byLabel = new LinkedHashMap<>();
    PICKLIST.forEach((id, label) -> byLabel.putIfAbsent(label, id));
    String[] ids = new String[labels.length];
    for (int i = 0; i < labels.length; i++) {
      ids[i] = byLabel.get(labels[i]);
    }
    return ids;
  }
}
