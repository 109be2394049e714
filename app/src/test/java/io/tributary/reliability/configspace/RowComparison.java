package io.tributary.reliability.configspace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the target's rows (as a multiset) with the model's, on every source column plus the soft-delete flag. A
 * wall-clock cursor in a DST gap or overlap may be held as either instant around the transition.
 */
final class RowComparison {

  private static final int SHOWN = 6;

  private final JobSpec spec;

  RowComparison(JobSpec spec) {
    this.spec = spec;
  }

  /** Differences, readable; empty when the table holds exactly the expected rows. */
  List<String> differences(List<RowVersion> expected, List<Map<String, Object>> actual) {
    Map<String, Integer> remaining = new HashMap<>();
    for (Map<String, Object> row : actual) {
      remaining.merge(canonical(row), 1, Integer::sum);
    }
    List<String> missing = new ArrayList<>();
    for (RowVersion v : expected) {
      String found = null;
      for (String candidate : candidates(v)) {
        if (remaining.getOrDefault(candidate, 0) > 0) {
          found = candidate;
          break;
        }
      }
      if (found == null) {
        missing.add(candidates(v).get(0));
      } else {
        remaining.merge(found, -1, Integer::sum);
      }
    }
    List<String> extra = new ArrayList<>();
    remaining.forEach((row, n) -> {
      for (int i = 0; i < n; i++) {
        extra.add(row);
      }
    });
    List<String> out = new ArrayList<>();
    if (!missing.isEmpty() || !extra.isEmpty()) {
      out.add("target has " + actual.size() + " rows, model " + expected.size() + "; " + missing.size()
          + " expected rows missing or different, " + extra.size() + " unexpected rows (or duplicates)");
      missing.stream().sorted().limit(SHOWN).forEach(r -> out.add("  missing:    " + r));
      extra.stream().sorted().limit(SHOWN).forEach(r -> out.add("  unexpected: " + r));
    }
    return out;
  }

  private List<String> candidates(RowVersion v) {
    List<Object> cursors = new ArrayList<>();
    switch (spec.cursor()) {
      case NONE, TIMESTAMPTZ, LOCAL_TIMESTAMP -> cursors.addAll(spec.cursor().instantsFor(v.cursor(), spec.zone()));
      case BIGINT, DATE -> cursors.add(v.cursor());
    }
    boolean flag = spec.softDeletes() && v.deleted();
    List<String> out = new ArrayList<>();
    for (Object c : cursors) {
      out.add(line(v.id(), v.name(), c, Instant.parse(v.seenAt()), v.deleted(), v.extra(), flag));
    }
    return out;
  }

  private static String canonical(Map<String, Object> row) {
    Object flag = row.get("_tributary_deleted");
    return line(row.get("id"), (String) row.get("name"), row.get("updated_at"), row.get("seen_at"),
        row.get("is_deleted"), (String) row.get("extra"), flag != null && (Boolean) flag);
  }

  private static String line(Object id, String name, Object cursor, Object seenAt, Object isDeleted, String extra,
      boolean flag) {
    return "id=" + id + " name=" + show(name) + " updated_at=" + cursor + " seen_at=" + seenAt + " is_deleted="
        + isDeleted + " extra=" + show(extra) + " _tributary_deleted=" + flag;
  }

  private static String show(String s) {
    if (s == null) {
      return "NULL";
    }
    String shown = s.length() > 40 ? s.substring(0, 20) + "…(" + s.length() + " chars, hash " + s.hashCode() + ")" : s;
    return "\"" + shown.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "\"";
  }
}
