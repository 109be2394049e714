package io.tributary.reliability.configspace;

import io.tributary.reliability.configspace.JobSpec.Mode;

/**
 * THE list of job-file combinations the product should refuse at load (exit 2), in one place. The product's own list
 * is the "legal combinations" table in docs/jobs.md; the two must agree.
 *
 * <ul>
 *   <li>{@code append} + {@code lookback}: every run would append the lookback window again (duplicates). Must be
 *       refused.</li>
 *   <li>{@code partitions > 1} with a mode other than {@code merge}: the partitions load in parallel and only merge
 *       makes that order-free. Must be refused.</li>
 *   <li>{@code replace} + {@code cursor} (and so with {@code lookback}): a replace is a fresh full copy, an incremental
 *       read would swap in only the changes. May be refused; if accepted, each run must still be a full copy.</li>
 *   <li>{@code lookback} without a {@code cursor}: meaningless. May be refused; if accepted it must do no harm.</li>
 * </ul>
 * Everything else must be accepted and work end to end.
 */
final class LegalCombinations {

  enum Verdict { ACCEPT, REFUSE, EITHER }

  private LegalCombinations() {}

  static Verdict verdict(JobSpec spec) {
    if (spec.mode() == Mode.APPEND && spec.lookback() != null) {
      return Verdict.REFUSE;
    }
    if (spec.partitions() > 1 && spec.mode() != Mode.MERGE) {
      return Verdict.REFUSE;
    }
    if (spec.mode() == Mode.REPLACE && spec.cursor().isCursor()) {
      return Verdict.EITHER;
    }
    if (spec.lookback() != null && !spec.cursor().isCursor()) {
      return Verdict.EITHER;
    }
    return Verdict.ACCEPT;
  }
}
