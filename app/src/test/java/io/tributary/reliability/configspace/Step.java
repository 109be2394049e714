package io.tributary.reliability.configspace;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What happens between two checks: changes at the source, maybe something done to the target behind the product's
 * back, then one way of running the job.
 *
 * @param runArg chunks before the injected failure ({@code FAIL_THEN_RERUN}) or milliseconds before the kill
 *     ({@code KILL_THEN_RERUN})
 */
record Step(List<Mutation> mutations, Tamper tamper, RunKind run, int runArg) {

  /**
   * {@code INSERT_INFINITY}: rows whose {@code seen_at} is {@code infinity} and {@code -infinity}, then plain ones.
   * {@code INSERT_STEADY}: rows one cursor unit apart (a minute, 1, a day), so a DST gap holds many of them.
   * {@code FLAG_DELETED_CLEARED}: flagged deleted and their name set to NULL, as an application that clears a
   * deleted record's fields.
   */
  enum MutationKind { INSERT, INSERT_INFINITY, INSERT_STEADY, UPDATE, FLAG_DELETED, FLAG_DELETED_CLEARED,
    UNFLAG_DELETED, ADD_COLUMN }

  record Mutation(MutationKind kind, int rows, boolean adversarial) {
    @Override
    public String toString() {
      return kind == MutationKind.ADD_COLUMN ? "add column extra"
          : kind.name().toLowerCase() + " " + rows + (adversarial ? " (adversarial values)" : "");
    }
  }

  enum Tamper { NONE, DROP_TARGET, TRUNCATE_TARGET }

  /**
   * {@code LOSE_LOCK_THEN_RERUN}: the run is told its run lock is lost as its job starts (the test command line's
   * {@code --lose-run-lock job-start}); it must exit 1, never COMPLETED, and the rerun resumes it.
   */
  enum RunKind { NORMAL, FAIL_THEN_RERUN, FULL_REFRESH, KILL_THEN_RERUN, CONCURRENT, LOSE_LOCK_THEN_RERUN }

  @Override
  public String toString() {
    String changes = mutations.isEmpty() ? "no source change"
        : mutations.stream().map(Mutation::toString).collect(Collectors.joining(", "));
    String run = switch (run()) {
      case NORMAL -> "run";
      case FAIL_THEN_RERUN -> "run --fail-after-chunks " + runArg + ", then rerun";
      case FULL_REFRESH -> "run --full-refresh";
      case KILL_THEN_RERUN -> "run in a child JVM, kill -9 after " + runArg + " ms, then rerun";
      case CONCURRENT -> "two runs (child JVMs) started together";
      case LOSE_LOCK_THEN_RERUN -> "run --lose-run-lock job-start, then rerun";
    };
    return changes + (tamper == Tamper.NONE ? "" : "; " + tamper.name().toLowerCase().replace('_', ' ')) + "; " + run;
  }
}
