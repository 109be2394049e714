package io.tributary.sandbox.marketo;

import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxDataset;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The simulator's leads and activities, as the export files show them: every value a string, {@code null} for an
 * empty one (bulk-activity-extract.md). Generated rows are spread over {@code span_days} from 2024-01-01 at whole
 * seconds; a lead touched in the dataset gets the touch time as its {@code updatedAt}; deleted leads are not
 * exported. Activities never change. Tests read the ground truth here.
 */
public final class MarketoRecords {

  public static final String LEADS = "leads";
  public static final String ACTIVITIES = "activities";
  public static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

  /** Lead fields the simulator knows (a subset of Marketo's standard lead fields). */
  public static final List<String> LEAD_FIELDS = List.of("id", "email", "firstName", "lastName", "company",
      "leadSource", "createdAt", "updatedAt");
  public static final List<String> ACTIVITY_FIELDS = List.of("marketoGUID", "leadId", "activityDate",
      "activityTypeId", "campaignId", "primaryAttributeValueId", "primaryAttributeValue", "attributes");

  private static final String[] FIRST = {"Russell", "Maria", "Brian", "Aiko", "Kwame", "Ines", "Olga", "Tomas"};
  private static final String[] LAST = {"Wilson", "Garcia", "Leonard", "Tanaka", "Mensah", "Silva", "Petrova"};
  private static final String[] SOURCES = {"Web", "Trade Show", "Webinar", "Partner"};
  private static final long[] ACTIVITY_TYPES = {1, 2, 12, 13, 104};
  private static final String[] ASSETS = {"MembershipTest1", "SuccessWebCPS", "Nurture Automation", "Pricing Page"};

  private final SandboxDataset dataset;
  private final Duration span;

  MarketoRecords(SandboxDataset dataset, int spanDays) {
    this.dataset = dataset;
    this.span = Duration.ofDays(spanDays);
  }

  /** Live leads whose {@code field} (createdAt or updatedAt) is within {@code [from, to]}, by id. */
  public Map<String, Map<String, String>> leads(String field, Instant from, Instant to) {
    return collect(LEADS, r -> !r.deleted() && within(leadStamp(r, field), from, to), this::lead, "id");
  }

  /** Activities created within {@code [from, to]}, by marketoGUID. */
  public Map<String, Map<String, String>> activities(Instant from, Instant to) {
    return collect(ACTIVITIES, r -> within(spread(ACTIVITIES, r.index()), from, to), this::activity, "marketoGUID");
  }

  Map<String, String> lead(RowState r) {
    SplittableRandom rnd = dataset.random(LEADS, r.index(), r.version());
    long id = r.index() + 1;
    Map<String, String> m = new LinkedHashMap<>();
    m.put("id", Long.toString(id));
    m.put("email", "lead" + id + "@example.com");
    m.put("firstName", FIRST[rnd.nextInt(FIRST.length)]);
    m.put("lastName", rnd.nextInt(10) == 0 ? null : LAST[rnd.nextInt(LAST.length)]);
    m.put("company", "Company " + rnd.nextInt(1_000) + (r.version() > 0 ? " (v" + r.version() + ")" : ""));
    m.put("leadSource", SOURCES[rnd.nextInt(SOURCES.length)]);
    m.put("createdAt", leadStamp(r, "createdAt").toString());
    m.put("updatedAt", leadStamp(r, "updatedAt").toString());
    return m;
  }

  Map<String, String> activity(RowState r) {
    SplittableRandom rnd = dataset.random(ACTIVITIES, r.index(), 0);
    long leads = Math.max(1, dataset.size(LEADS));
    long type = ACTIVITY_TYPES[rnd.nextInt(ACTIVITY_TYPES.length)];
    int asset = rnd.nextInt(ASSETS.length);
    Map<String, String> m = new LinkedHashMap<>();
    m.put("marketoGUID", Long.toString(780_000_000L + r.index()));
    m.put("leadId", Long.toString(1 + (r.index() * 31) % leads));
    m.put("activityDate", spread(ACTIVITIES, r.index()).toString());
    m.put("activityTypeId", Long.toString(type));
    m.put("campaignId", rnd.nextInt(5) == 0 ? null : Long.toString(8_000 + rnd.nextInt(10_000)));
    m.put("primaryAttributeValueId", Long.toString(1_000 + asset));
    m.put("primaryAttributeValue", ASSETS[asset]);
    m.put("attributes", "{\"Source\":\"" + SOURCES[rnd.nextInt(SOURCES.length)] + "\",\"Success\":"
        + rnd.nextBoolean() + "}");
    return m;
  }

  /** A lead's createdAt (spread) or updatedAt (hours after it, or the touch time once touched). */
  Instant leadStamp(RowState r, String field) {
    Instant created = spread(LEADS, r.index());
    if (field.equals("createdAt")) {
      return created;
    }
    if (r.version() > 0) {
      return r.modifiedAt().truncatedTo(ChronoUnit.SECONDS);
    }
    return created.plus(Duration.ofHours((r.index() * 7_919L) % 48));
  }

  Instant spread(String object, long index) {
    long n = Math.max(1, dataset.baseSize(object));
    long seconds = index < n ? span.toSeconds() * index / n : span.toSeconds();
    return EPOCH.plusSeconds(seconds);
  }

  java.util.stream.Stream<RowState> rows(String object) {
    return dataset.rows(object);
  }

  private Map<String, Map<String, String>> collect(String object, Predicate<RowState> keep,
      java.util.function.Function<RowState, Map<String, String>> render, String key) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    dataset.rows(object).filter(keep).map(render).forEach(m -> out.put(m.get(key), m));
    return out;
  }

  private static boolean within(Instant t, Instant from, Instant to) {
    return !t.isBefore(from) && !t.isAfter(to);
  }
}
