package io.tributary.reliability.configspace;

import io.tributary.reliability.configspace.JobSpec.Mode;

/**
 * THE list of job-file combinations the product must refuse at load (exit 2), in one place. It follows the "legal
 * combinations" table of docs/jobs.md (the product's own list, in {@code config/StreamModeRules}); the two must
 * agree.
 *
 * <ul>
 *   <li>{@code lookback} without a {@code cursor}: there is no watermark to look back from.</li>
 *   <li>{@code append} + {@code lookback}: every run would append the lookback window again (duplicates).</li>
 *   <li>{@code replace} + {@code lookback}: a replace re-reads everything anyway.</li>
 *   <li>{@code partitions > 1} with a mode other than {@code merge}: the partitions load in parallel and only merge
 *       makes that order-free.</li>
 * </ul>
 * Everything else must be accepted and work end to end; in particular {@code replace} with a {@code cursor} must be
 * a full copy on every run (the cursor only orders the read).
 */
final class LegalCombinations {

  enum Verdict { ACCEPT, REFUSE }

  private LegalCombinations() {}

  static Verdict verdict(JobSpec spec) {
    boolean lookback = spec.lookback() != null;
    if (lookback && (!spec.cursor().isCursor() || spec.mode() != Mode.MERGE)) {
      return Verdict.REFUSE;
    }
    if (spec.partitions() > 1 && spec.mode() != Mode.MERGE) {
      return Verdict.REFUSE;
    }
    return Verdict.ACCEPT;
  }
}
