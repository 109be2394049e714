package io.tributary.reliability;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparison of one trial's warehouse with the ground truth.
 *
 * @param killed whether the process was still running when SIGKILL was sent
 * @param reruns runs needed after the kill until one exited 0
 * @param missing source keys absent from the warehouse
 * @param duplicated warehouse rows beyond one per key
 * @param stale keys whose warehouse values differ from the source's latest
 * @param extra warehouse keys the source never had
 * @param example the first difference found, for the report
 * @param afterExtraRun null when clean; else whether one more normal run made the table equal the source
 */
record TrialResult(boolean killed, int reruns, long missing, long duplicated, long stale, long extra,
    String example, Boolean afterExtraRun) {

  TrialResult withAfterExtraRun(boolean clean) {
    return new TrialResult(killed, reruns, missing, duplicated, stale, extra, example, clean);
  }

  static TrialResult compare(boolean killed, int reruns, Map<String, String> truth,
      List<Map.Entry<String, String>> warehouse) {
    Map<String, String> seen = new HashMap<>();
    long duplicated = 0;
    long stale = 0;
    long extra = 0;
    String example = null;
    for (Map.Entry<String, String> row : warehouse) {
      if (seen.put(row.getKey(), row.getValue()) != null) {
        duplicated++;
        example = example != null ? example : "duplicate key " + row.getKey();
        continue;
      }
      String expected = truth.get(row.getKey());
      if (expected == null) {
        extra++;
        example = example != null ? example : "extra key " + row.getKey();
      } else if (!expected.equals(row.getValue())) {
        stale++;
        example = example != null ? example
            : "key " + row.getKey() + ": warehouse " + row.getValue() + ", source " + expected;
      }
    }
    long missing = 0;
    for (String key : truth.keySet()) {
      if (!seen.containsKey(key)) {
        missing++;
        example = example != null ? example : "missing key " + key;
      }
    }
    return new TrialResult(killed, reruns, missing, duplicated, stale, extra, example, null);
  }

  boolean clean() {
    return missing == 0 && duplicated == 0 && stale == 0 && extra == 0;
  }
}
