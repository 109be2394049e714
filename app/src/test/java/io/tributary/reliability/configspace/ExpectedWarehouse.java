package io.tributary.reliability.configspace;

import io.tributary.reliability.configspace.JobSpec.Mode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The model: what the target table and the quarantine must hold after each successful run, computed only from the
 * test's own record of the source and the documented semantics of the stream's mode.
 *
 * <ul>
 *   <li>merge: one row per key, the latest loadable version any run has read (a run reads every version current at
 *       its start: with a cursor because every change sorts after the watermark, without one because it reads all);
 *   <li>append with a cursor: every version read, once; without a cursor (or on a full refresh): a full copy per
 *       run;
 *   <li>replace: a copy of the source's loadable rows at the last run;
 *   <li>quarantine: the keys of every unloadable version read (a set: a re-read may quarantine again).
 * </ul>
 */
final class ExpectedWarehouse {

  private final Mode mode;
  private final boolean cursor;
  private final Map<Long, RowVersion> merged = new LinkedHashMap<>();
  private final List<RowVersion> appended = new ArrayList<>();
  private final Set<String> versionsRead = new HashSet<>();
  private final Set<Long> quarantined = new TreeSet<>();
  private int lastRunNewVersions;

  ExpectedWarehouse(JobSpec spec) {
    this.mode = spec.mode();
    this.cursor = spec.cursor().isCursor() && spec.mode() != Mode.REPLACE;
  }

  /** One logical run completed (a failed or killed run and its resumption count as one). */
  void onRun(Collection<RowVersion> snapshot, boolean fullRefresh) {
    lastRunNewVersions = 0;
    if (mode == Mode.REPLACE) {
      merged.clear();
    }
    for (RowVersion v : snapshot) {
      boolean isNew = versionsRead.add(v.versionKey());
      if (isNew) {
        lastRunNewVersions++;
      }
      if (!v.loadable()) {
        quarantined.add(v.id());
      } else if (mode == Mode.APPEND) {
        if (isNew || fullRefresh || !cursor) {
          appended.add(v);
        }
      } else {
        merged.put(v.id(), v);
      }
    }
  }

  /** The target was dropped or truncated behind the product's back: only a full reload can restore it. */
  void targetLost() {
    merged.clear();
    appended.clear();
  }

  /** The rows the target must hold (order irrelevant; duplicates meaningful for append). */
  List<RowVersion> rows() {
    return mode == Mode.APPEND ? List.copyOf(appended) : List.copyOf(merged.values());
  }

  Set<Long> quarantinedKeys() {
    return quarantined;
  }

  /** Versions the last run read for the first time (its exact read count, without lookback or partitions). */
  int lastRunNewVersions() {
    return lastRunNewVersions;
  }
}
