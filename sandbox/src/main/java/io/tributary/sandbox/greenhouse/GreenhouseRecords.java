package io.tributary.sandbox.greenhouse;

import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxDataset;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Harvest objects the simulator serves, rendered from dataset rows with the fields of the documented objects
 * (The candidate / application / job / offer / scheduled interview object). Each object's {@code updated_at} (for
 * applications {@code last_activity_at}) is the row's modification stamp; ids are fixed offsets plus the row index.
 */
public final class GreenhouseRecords {

  /** The list endpoints, each with the field its {@code *_after} filter reads. */
  public enum Kind {
    CANDIDATES("candidates", 50_000_000L, "updated_after"),
    APPLICATIONS("applications", 60_000_000L, "last_activity_after"),
    JOBS("jobs", 4_000_000L, "updated_after"),
    OFFERS("offers", 7_000_000L, "updated_after"),
    SCHEDULED_INTERVIEWS("scheduled_interviews", 9_000_000L, "updated_after");

    final String path;
    final long idBase;
    final String afterParam;

    Kind(String path, long idBase, String afterParam) {
      this.path = path;
      this.idBase = idBase;
      this.afterParam = afterParam;
    }

    public String object() {
      return path;
    }

    static Kind of(String path) {
      for (Kind k : values()) {
        if (k.path.equals(path)) {
          return k;
        }
      }
      return null;
    }
  }

  private static final String[] FIRST = {"John", "Kate", "Jack", "Ana", "Bob", "Mei", "Omar", "Lena"};
  private static final String[] LAST = {"Locke", "Austen", "Shephard", "Lopez", "Smith", "Chen", "Haddad", "Berg"};
  private static final String[] STAGES = {"Application Review", "Recruiter Phone Screen", "Face to Face", "Offer"};

  private final SandboxDataset dataset;

  GreenhouseRecords(SandboxDataset dataset) {
    this.dataset = dataset;
  }

  /** The id of row {@code index} of an object: the ground truth tests compare with. */
  public static long id(Kind kind, long index) {
    return kind.idBase + index;
  }

  /** The stamp a row is filtered and sorted on (updated_at, or last_activity_at for applications). */
  static Instant stamp(RowState row) {
    return row.modifiedAt();
  }

  Map<String, Object> render(Kind kind, RowState row, boolean corrupt) {
    SplittableRandom r = dataset.random(kind.path, row.index(), row.version());
    Map<String, Object> o = switch (kind) {
      case CANDIDATES -> candidate(row, r);
      case APPLICATIONS -> application(row, r);
      case JOBS -> job(row, r);
      case OFFERS -> offer(row, r);
      case SCHEDULED_INTERVIEWS -> interview(row, r);
    };
    if (corrupt) {
      // The malformed fault: one timestamp in a form no ISO-8601 reader accepts.
      o.put("created_at", "31/13/2024 25:61");
    }
    return o;
  }

  private long ref(Kind kind, long index) {
    long n = Math.max(1, dataset.defines(kind.path) ? dataset.baseSize(kind.path) : 1);
    return id(kind, index % n);
  }

  private static Map<String, Object> user(SplittableRandom r) {
    Map<String, Object> u = new LinkedHashMap<>();
    int i = r.nextInt(FIRST.length);
    u.put("id", 92_000L + i);
    u.put("first_name", FIRST[i]);
    u.put("last_name", LAST[i]);
    u.put("name", FIRST[i] + " " + LAST[i]);
    u.put("employee_id", r.nextBoolean() ? null : Integer.toString(10_000 + i));
    return u;
  }

  private Map<String, Object> candidate(RowState row, SplittableRandom r) {
    Map<String, Object> c = new LinkedHashMap<>();
    int f = r.nextInt(FIRST.length);
    int l = r.nextInt(LAST.length);
    c.put("id", id(Kind.CANDIDATES, row.index()));
    c.put("first_name", FIRST[f]);
    c.put("last_name", LAST[l]);
    c.put("company", "Company " + r.nextInt(500));
    c.put("title", "Engineer " + row.version());
    c.put("created_at", GreenhouseJson.time(row.createdAt()));
    c.put("updated_at", GreenhouseJson.time(stamp(row)));
    c.put("last_activity", GreenhouseJson.time(stamp(row)));
    c.put("is_private", r.nextInt(10) == 0);
    c.put("photo_url", null);
    c.put("attachments", List.of());
    c.put("application_ids", List.of(ref(Kind.APPLICATIONS, row.index())));
    c.put("phone_numbers", List.of(Map.of("value", "555-01" + (row.index() % 100), "type", "mobile")));
    c.put("addresses", List.of());
    c.put("email_addresses", List.of(Map.of("value", FIRST[f].toLowerCase() + row.index() + "@example.com",
        "type", "personal")));
    c.put("website_addresses", List.of());
    c.put("social_media_addresses", List.of());
    c.put("recruiter", user(r));
    c.put("coordinator", null);
    c.put("can_email", r.nextInt(5) != 0);
    c.put("tags", r.nextBoolean() ? List.of("Python") : List.of());
    c.put("applications", List.of(Map.of("id", ref(Kind.APPLICATIONS, row.index()), "candidate_id",
        id(Kind.CANDIDATES, row.index()), "status", "active")));
    c.put("educations", List.of());
    c.put("employments", List.of());
    c.put("linked_user_ids", List.of());
    c.put("custom_fields", Map.of("desired_salary", Integer.toString(50_000 + r.nextInt(100_000))));
    c.put("keyed_custom_fields", Map.of());
    return c;
  }

  private Map<String, Object> application(RowState row, SplittableRandom r) {
    Map<String, Object> a = new LinkedHashMap<>();
    boolean rejected = r.nextInt(4) == 0;
    a.put("id", id(Kind.APPLICATIONS, row.index()));
    a.put("candidate_id", ref(Kind.CANDIDATES, row.index()));
    a.put("prospect", r.nextInt(6) == 0);
    a.put("applied_at", GreenhouseJson.time(row.createdAt()));
    a.put("rejected_at", rejected ? GreenhouseJson.time(stamp(row)) : null);
    a.put("last_activity_at", GreenhouseJson.time(stamp(row)));
    a.put("location", Map.of("address", "New York, New York, USA"));
    a.put("source", Map.of("id", 1 + r.nextInt(20), "public_name", "Source " + r.nextInt(20)));
    a.put("credited_to", user(r));
    a.put("rejection_reason", null);
    a.put("rejection_details", null);
    a.put("jobs", List.of(Map.of("id", ref(Kind.JOBS, row.index()), "name", "Job " + row.index() % 50)));
    a.put("job_post_id", null);
    a.put("status", rejected ? "rejected" : "active");
    a.put("current_stage", Map.of("id", 767_000 + r.nextInt(STAGES.length), "name",
        STAGES[r.nextInt(STAGES.length)]));
    a.put("answers", List.of());
    a.put("prospective_office", null);
    a.put("prospective_department", null);
    Map<String, Object> prospect = new LinkedHashMap<>();
    prospect.put("prospect_pool", null);
    prospect.put("prospect_stage", null);
    prospect.put("prospect_owner", null);
    a.put("prospect_detail", prospect);
    a.put("custom_fields", Map.of());
    a.put("keyed_custom_fields", Map.of());
    a.put("attachments", List.of());
    return a;
  }

  private Map<String, Object> job(RowState row, SplittableRandom r) {
    Map<String, Object> j = new LinkedHashMap<>();
    String status = new String[] {"open", "open", "closed", "draft"}[r.nextInt(4)];
    j.put("id", id(Kind.JOBS, row.index()));
    j.put("name", "Job " + row.index() % 50 + " v" + row.version());
    j.put("requisition_id", "REQ-" + row.index());
    j.put("notes", r.nextBoolean() ? null : "<p>Hiring</p>");
    j.put("confidential", r.nextInt(10) == 0);
    j.put("status", status);
    j.put("created_at", GreenhouseJson.time(row.createdAt()));
    j.put("opened_at", GreenhouseJson.time(row.createdAt()));
    j.put("closed_at", status.equals("closed") ? GreenhouseJson.time(stamp(row)) : null);
    j.put("updated_at", GreenhouseJson.time(stamp(row)));
    j.put("is_template", false);
    j.put("copied_from_id", null);
    j.put("departments", List.of(Map.of("id", 9024, "name", "Engineering")));
    j.put("offices", List.of(Map.of("id", 59213, "name", "New York")));
    j.put("hiring_team", Map.of("hiring_managers", List.of(), "recruiters", List.of(), "coordinators", List.of(),
        "sourcers", List.of()));
    j.put("openings", List.of());
    j.put("custom_fields", Map.of());
    j.put("keyed_custom_fields", Map.of());
    return j;
  }

  private Map<String, Object> offer(RowState row, SplittableRandom r) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", id(Kind.OFFERS, row.index()));
    o.put("version", row.version() + 1);
    o.put("application_id", ref(Kind.APPLICATIONS, row.index()));
    o.put("job_id", ref(Kind.JOBS, row.index()));
    o.put("candidate_id", ref(Kind.CANDIDATES, row.index()));
    o.put("opening", Map.of("id", 123L + row.index(), "opening_id", "OPN-" + row.index(), "status", "open"));
    o.put("created_at", GreenhouseJson.time(row.createdAt()));
    o.put("updated_at", GreenhouseJson.time(stamp(row)));
    o.put("sent_at", row.createdAt().atOffset(ZoneOffset.UTC).toLocalDate().toString());
    o.put("resolved_at", r.nextBoolean() ? GreenhouseJson.time(stamp(row)) : null);
    o.put("starts_at", row.createdAt().plus(Duration.ofDays(30)).atOffset(ZoneOffset.UTC).toLocalDate().toString());
    o.put("status", new String[] {"unresolved", "accepted", "rejected", "deprecated"}[r.nextInt(4)]);
    o.put("custom_fields", Map.of());
    o.put("keyed_custom_fields", Map.of());
    return o;
  }

  private Map<String, Object> interview(RowState row, SplittableRandom r) {
    Map<String, Object> i = new LinkedHashMap<>();
    Instant start = row.createdAt().plus(Duration.ofDays(2 + r.nextInt(10)));
    i.put("id", id(Kind.SCHEDULED_INTERVIEWS, row.index()));
    i.put("application_id", ref(Kind.APPLICATIONS, row.index()));
    i.put("external_event_id", "evt" + row.index());
    i.put("start", Map.of("date_time", GreenhouseJson.time(start)));
    i.put("end", Map.of("date_time", GreenhouseJson.time(start.plus(Duration.ofHours(1)))));
    i.put("location", "Room " + r.nextInt(9));
    i.put("video_conferencing_url", null);
    i.put("status", new String[] {"scheduled", "awaiting_feedback", "complete"}[r.nextInt(3)]);
    i.put("created_at", GreenhouseJson.time(row.createdAt()));
    i.put("updated_at", GreenhouseJson.time(stamp(row)));
    i.put("interview", Map.of("id", 6_000 + r.nextInt(30), "name", STAGES[r.nextInt(STAGES.length)]));
    i.put("organizer", user(r));
    List<Object> interviewers = new ArrayList<>();
    Map<String, Object> one = new LinkedHashMap<>(user(r));
    one.put("email", "interviewer@example.com");
    one.put("response_status", "accepted");
    one.put("scorecard_id", null);
    interviewers.add(one);
    i.put("interviewers", interviewers);
    return i;
  }
}
