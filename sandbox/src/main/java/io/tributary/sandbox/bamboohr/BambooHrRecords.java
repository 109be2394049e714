package io.tributary.sandbox.bamboohr;

import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxDataset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The simulated company: employee field values and time-off requests, each a pure function of its dataset row, so
 * tests recompute the expected values. Employee {@code i} has id {@code i + 1}; ids are strings on the wire, as in the
 * documented samples. Field names are BambooHR's ("List of Field Names", documentation.bamboohr.com/docs/list-of-field-names).
 */
public final class BambooHrRecords {

  public static final String EMPLOYEES = "employees";
  public static final String TIME_OFF = "time_off_requests";

  /** BambooHR's timestamp form, as in the employees/changed sample: {@code 2011-06-02T19:26:23+00:00}. */
  static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
      .withZone(ZoneOffset.UTC);

  /** One employee field: its API name, the type and label the API reports, and whether the directory shows it. */
  record Field(String id, String type, String name, boolean directory) {}

  /** The fields a custom report may ask for, in the order a directory lists them. */
  static final List<Field> FIELDS = List.of(
      new Field("displayName", "text", "Display name", true),
      new Field("firstName", "text", "First name", true),
      new Field("lastName", "text", "Last name", true),
      new Field("preferredName", "text", "Preferred name", true),
      new Field("jobTitle", "list", "Job title", true),
      new Field("workPhone", "text", "Work Phone", true),
      new Field("mobilePhone", "text", "Mobile Phone", true),
      new Field("workEmail", "email", "Work Email", true),
      new Field("department", "list", "Department", true),
      new Field("location", "list", "Location", true),
      new Field("division", "list", "Division", true),
      new Field("employeeNumber", "text", "Employee #", false),
      new Field("hireDate", "date", "Hire date", false),
      new Field("status", "status", "Status", false),
      new Field("supervisorEId", "int", "Supervisor EID", false),
      new Field("lastChanged", "timestamp", "Last changed", false));

  private static final List<String> FIRST = List.of("Charlotte", "Ashley", "Christopher", "Dorothy", "Eric", "Jennifer",
      "Maja", "Ryota", "Amira", "Lucas", "Ingrid", "Tomasz");
  private static final List<String> LAST = List.of("Abbott", "Adams", "Agbayani", "Andersen", "Arbour", "Caldwell",
      "Nakamura", "Okafor", "Silva", "Kowalski", "Lindqvist", "Haddad");
  private static final List<String> TITLES = List.of("Software Engineer", "Account Executive", "HR Generalist",
      "Controller", "Support Specialist", "Product Manager");
  private static final List<String> DEPARTMENTS = List.of("Engineering", "Sales", "Human Resources", "Finance",
      "Customer Success", "Product");
  private static final List<String> LOCATIONS = List.of("Lindon, Utah", "London, UK", "Sydney, Australia", "Remote");
  private static final List<String> DIVISIONS = List.of("North America", "EMEA", "APAC");
  private static final List<String[]> TIME_OFF_TYPES = List.of(new String[] {"78", "Vacation", "palm-trees"},
      new String[] {"79", "Sick", "medical"}, new String[] {"80", "Bereavement", "heart"});
  private static final List<String> STATUSES = List.of("approved", "approved", "approved", "requested", "denied");

  private final SandboxDataset dataset;

  BambooHrRecords(SandboxDataset dataset) {
    this.dataset = dataset;
  }

  /** Every field value of employee row {@code s}, keyed by API name, with "id" first; absent values are null. */
  public Map<String, Object> employee(RowState s) {
    String id = Long.toString(s.index() + 1);
    SplittableRandom r = dataset.random(EMPLOYEES, s.index(), s.version());
    // The name depends only on the row, never on its version, so a time-off request names its employee stably.
    SplittableRandom fixed = dataset.random(EMPLOYEES, s.index(), 0);
    String first = FIRST.get(fixed.nextInt(FIRST.size()));
    String last = LAST.get(fixed.nextInt(LAST.size()));
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", id);
    v.put("displayName", first + " " + last);
    v.put("firstName", first);
    v.put("lastName", last);
    v.put("preferredName", r.nextInt(4) == 0 ? first.substring(0, 3) : null);
    v.put("jobTitle", TITLES.get(r.nextInt(TITLES.size())));
    v.put("workPhone", String.format("801-555-%04d", r.nextInt(10_000)));
    v.put("mobilePhone", r.nextInt(3) == 0 ? null : String.format("801-555-%04d", r.nextInt(10_000)));
    v.put("workEmail", (first + "." + last + id + "@example.com").toLowerCase(java.util.Locale.ROOT));
    v.put("department", DEPARTMENTS.get(r.nextInt(DEPARTMENTS.size())));
    v.put("location", LOCATIONS.get(r.nextInt(LOCATIONS.size())));
    v.put("division", DIVISIONS.get(r.nextInt(DIVISIONS.size())));
    v.put("employeeNumber", id);
    v.put("hireDate", date(s.createdAt()));
    v.put("status", r.nextInt(20) == 0 ? "Inactive" : "Active");
    v.put("supervisorEId", s.index() == 0 ? null : Long.toString(1 + r.nextLong(s.index())));
    v.put("lastChanged", TIMESTAMP.format(s.modifiedAt()));
    return v;
  }

  /**
   * Time-off request row {@code s} in the shape of GET /v1/time_off/requests: a deleted row reads as a canceled
   * request (BambooHR keeps canceled requests).
   */
  public Map<String, Object> timeOff(RowState s) {
    SplittableRandom r = dataset.random(TIME_OFF, s.index(), s.version());
    SplittableRandom fixed = dataset.random(TIME_OFF, s.index(), 0);
    long employee = fixed.nextLong(Math.max(1, dataset.baseSize(EMPLOYEES)));
    LocalDate created = LocalDate.ofInstant(s.createdAt(), ZoneOffset.UTC);
    LocalDate start = created.plusDays(1 + fixed.nextInt(60));
    int days = 1 + fixed.nextInt(5);
    String[] type = TIME_OFF_TYPES.get(fixed.nextInt(TIME_OFF_TYPES.size()));
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", Long.toString(s.index() + 1));
    v.put("employeeId", Long.toString(employee + 1));
    v.put("status", object("lastChanged", date(s.modifiedAt()), "lastChangedByUserId", "2369",
        "status", s.deleted() ? "canceled" : STATUSES.get(r.nextInt(STATUSES.size()))));
    v.put("name", employee(dataset.row(EMPLOYEES, employee)).get("displayName"));
    v.put("start", start.toString());
    v.put("end", start.plusDays(days - 1).toString());
    v.put("created", created.toString());
    v.put("type", object("id", type[0], "name", type[1], "icon", type[2]));
    v.put("amount", object("unit", "days", "amount", Integer.toString(days)));
    v.put("actions", object("view", true, "edit", true, "cancel", false, "approve", false, "deny", false,
        "bypass", false));
    Map<String, String> dates = new LinkedHashMap<>();
    for (int d = 0; d < days; d++) {
      dates.put(start.plusDays(d).toString(), "1");
    }
    v.put("dates", dates);
    v.put("notes", r.nextBoolean() ? object("employee", "Family trip", "manager", "Enjoy!") : Map.of());
    return v;
  }

  /** A JSON object with its keys in the given order (Map.of has none, and bodies should be the same every run). */
  static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  static String date(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
  }
}
