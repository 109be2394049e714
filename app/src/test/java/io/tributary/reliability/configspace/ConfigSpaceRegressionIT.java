package io.tributary.reliability.configspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.reliability.configspace.JobSpec.Mode;
import io.tributary.reliability.configspace.JobSpec.Sink;
import io.tributary.reliability.configspace.Step.Mutation;
import io.tributary.reliability.configspace.Step.MutationKind;
import io.tributary.reliability.configspace.Step.RunKind;
import io.tributary.reliability.configspace.Step.Tamper;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration-space tester's cases for the issue-16 findings it reproduced, fixed so they run the same way
 * every time (shrunk by hand from generated cases). Each must be clean: the warehouse equals the model after every
 * step, and the exit codes are the documented ones.
 */
@Tag("db")
class ConfigSpaceRegressionIT {

  @TempDir
  Path dir;

  /** Finding 1: {@code mode: replace} with a cursor: a second run with nothing new swapped in an empty table. */
  @Test
  void finding1ReplaceWithACursorStaysAFullCopyOfTheSource() throws Exception {
    for (Sink sink : Sink.values()) {
      assertClean(new ConfigCase(spec(sink, Mode.REPLACE, CursorKind.TIMESTAMPTZ, "UTC", null, 1, 7, 7, false, 0), 20,
          false, List.of(run(), run(new Mutation(MutationKind.UPDATE, 3, false)), run()), 11L, false));
    }
  }

  /**
   * Finding 2: a {@code timestamp without time zone} cursor, Europe/Berlin, 80 rows one minute apart from 01:30 on
   * the day of the spring gap, chunk 10: rows in and after the gap were skipped.
   */
  @Test
  void finding2WallClockCursorThroughADstGapLosesNoRow() throws Exception {
    for (Sink sink : Sink.values()) {
      assertClean(new ConfigCase(spec(sink, Mode.MERGE, CursorKind.LOCAL_TIMESTAMP, "Europe/Berlin", null, 1, 10, 10,
          false, 0), 0, false, List.of(run(new Mutation(MutationKind.INSERT_STEADY, 80, false)), run()), 2L, false));
    }
  }

  /** Finding 2, partitioned: Lord Howe's 30-minute gap with three partitions lost the rows inside the gap. */
  @Test
  void finding2PartitionedWallClockCursorThroughADstGapLosesNoRow() throws Exception {
    assertClean(new ConfigCase(spec(Sink.DUCKDB, Mode.MERGE, CursorKind.LOCAL_TIMESTAMP, "Australia/Lord_Howe", null,
        3, 40, 9, false, 2), 37, false, List.of(run()), 110L, false));
  }

  /** Finding 2, autumn: the repeated hour of New York's overlap, with a lookback. */
  @Test
  void finding2WallClockCursorThroughADstOverlapLosesNoRow() throws Exception {
    assertClean(new ConfigCase(spec(Sink.DUCKDB, Mode.MERGE, CursorKind.LOCAL_TIMESTAMP, "America/New_York", "1h", 1,
        5, 5, true, 1), 40, false, List.of(run(new Mutation(MutationKind.UPDATE, 8, false),
        new Mutation(MutationKind.FLAG_DELETED, 3, false)), run()), 3L, false));
  }

  /**
   * Finding 4: {@code append} with {@code lookback} appended the lookback window again on every run; the same
   * matrix refuses a lookback on replace and a lookback without a cursor (see LegalCombinations).
   */
  @Test
  void finding4AppendWithLookbackIsRefusedAtLoad() throws Exception {
    for (JobSpec spec : List.of(spec(Sink.POSTGRES, Mode.APPEND, CursorKind.TIMESTAMPTZ, "UTC", "1h", 1, 10, 10, false,
        0), spec(Sink.DUCKDB, Mode.REPLACE, CursorKind.DATE, "UTC", "1d", 1, 10, 10, false, 0),
        spec(Sink.DUCKDB, Mode.MERGE, CursorKind.NONE, "UTC", "90s", 1, 10, 10, false, 0))) {
      CaseRunner.Outcome o = new CaseRunner(dir).run(new ConfigCase(spec, 20, false, List.of(run(), run()), 4L, false),
          4L);
      assertThat(o.refused()).as(describe(o)).isTrue();
    }
  }

  /** Finding 7: a dropped or truncated target was recreated and resumed from _tributary_state: rows lost. */
  @Test
  void finding7ALostTargetIsReloadedInFullOrReportedNeverResumedSilently() throws Exception {
    for (Tamper tamper : List.of(Tamper.DROP_TARGET, Tamper.TRUNCATE_TARGET)) {
      for (Sink sink : Sink.values()) {
        assertClean(new ConfigCase(spec(sink, Mode.MERGE, CursorKind.TIMESTAMPTZ, "UTC", null, 1, 5, 5, false, 0), 30,
            false, List.of(new Step(List.of(new Mutation(MutationKind.INSERT, 3, false)), tamper, RunKind.NORMAL, 0),
            run(new Mutation(MutationKind.UPDATE, 2, false))), 7L, false));
      }
    }
  }

  /** Finding 8: {@code infinity} in a timestamp column failed every run; the chunk's good rows never loaded. */
  @Test
  void finding8InfinityIsQuarantinedAndTheOtherRowsLoad() throws Exception {
    for (Sink sink : Sink.values()) {
      assertClean(new ConfigCase(spec(sink, Mode.MERGE, CursorKind.TIMESTAMPTZ, "UTC", null, 1, 10, 10, false, 0), 10,
          false, List.of(run(new Mutation(MutationKind.INSERT_INFINITY, 6, false)), run()), 8L, false));
    }
  }

  /**
   * Findings 6 and 9: two first runs on a fresh PostgreSQL job repository and warehouse schema, from two state
   * folders (two hosts): one loads, the other waits or exits 3.
   */
  @Test
  void findings6And9TwoRunsOnOnePostgresRepositoryExactlyOneLoads() throws Exception {
    assertClean(new ConfigCase(spec(Sink.POSTGRES, Mode.MERGE, CursorKind.TIMESTAMPTZ, "UTC", null, 1, 3, 3, false,
        0).withPostgresRepository(), 40, false, List.of(new Step(List.of(new Mutation(MutationKind.INSERT, 30, false)),
        Tamper.NONE, RunKind.CONCURRENT, 0)), 6L, true));
  }

  /**
   * A run that lost its run lock (told so as its job started, before any execution existed to stop) loaded every row
   * and said COMPLETED (exit 0); it must exit 1, and the rerun must leave the warehouse equal to the model: an append
   * stream holds each source version once, a merge stream each row, on both warehouses.
   */
  @Test
  void aRunThatLostItsRunLockExitsOneAndItsRerunLoadsEachRowOnce() throws Exception {
    for (Sink sink : Sink.values()) {
      for (Mode mode : List.of(Mode.APPEND, Mode.MERGE)) {
        assertClean(new ConfigCase(spec(sink, mode, CursorKind.TIMESTAMPTZ, "UTC", null, 1, 5, 5, false, 0), 20,
            false, List.of(new Step(List.of(new Mutation(MutationKind.INSERT, 12, false)), Tamper.NONE,
            RunKind.LOSE_LOCK_THEN_RERUN, 0), run(new Mutation(MutationKind.UPDATE, 3, false))), 31L, false));
      }
    }
  }

  /** Finding 12: two runs on one H2 state folder (and one DuckDB file): busy (3), not a stack trace or exit 2. */
  @Test
  void finding12TwoRunsOnOneH2StateFolderExactlyOneLoads() throws Exception {
    assertClean(new ConfigCase(spec(Sink.DUCKDB, Mode.MERGE, CursorKind.TIMESTAMPTZ, "UTC", null, 1, 3, 3, false, 0),
        40, false, List.of(new Step(List.of(new Mutation(MutationKind.INSERT, 30, false)), Tamper.NONE,
        RunKind.CONCURRENT, 0)), 12L, false));
  }

  /**
   * Found by this tester (not in the issue): a soft-deleted row ({@code deleted_when}) whose source value became NULL
   * keeps its old value in the warehouse: the merge treats every NULL of a deleted record as "not carried"
   * (COALESCE in PostgresMergeStatement and DuckDbMergeStatement), which is right only for a key-only delete.
   */
  @Test
  void softDeletedRowWhoseValueBecameNullIsNotLeftStale() throws Exception {
    for (Sink sink : Sink.values()) {
      assertClean(new ConfigCase(spec(sink, Mode.MERGE, CursorKind.TIMESTAMPTZ, "UTC", null, 1, 10, 10, true, 0), 10,
          false, List.of(run(new Mutation(MutationKind.FLAG_DELETED_CLEARED, 3, false))), 18L, false));
    }
  }

  /**
   * Found by this tester (seed 20261227, DuckDB; PostgreSQL the same): a soft-deleted row carrying {@code infinity}
   * was loaded as a delete with that value NULL and its new name, and nothing was quarantined, because the mapping
   * dropped every failure of a deleted record's values. A delete that carries values replaces the row's values, so
   * they are checked like an update's: the version is quarantined and the target keeps the previous one. Step 1
   * adds two rows with {@code infinity}; step 2 flags every row deleted (those two still carry it); step 3 updates
   * every (deleted) row with adversarial values, some {@code infinity}, as in the generated case.
   */
  @Test
  void softDeletedRowCarryingAnUnholdableValueIsQuarantinedNotLoadedAsNull() throws Exception {
    for (Sink sink : Sink.values()) {
      assertClean(new ConfigCase(spec(sink, Mode.MERGE, CursorKind.DATE, "UTC", null, 1, 10, 23, true, 0), 10, false,
          List.of(run(new Mutation(MutationKind.INSERT_INFINITY, 4, false)),
              run(new Mutation(MutationKind.FLAG_DELETED, 14, false)),
              run(new Mutation(MutationKind.UPDATE, 14, true))), 22L, false));
    }
  }

  private void assertClean(ConfigCase c) throws Exception {
    CaseRunner.Outcome o = new CaseRunner(dir).run(c, c.valueSeed());
    assertThat(o.discrepancy()).as(describe(o)).isNull();
  }

  private static String describe(CaseRunner.Outcome o) {
    return o.configCase().describe() + "\n--- job file\n" + o.jobFile() + "--- expected vs actual\n"
        + o.discrepancy();
  }

  private static JobSpec spec(Sink sink, Mode mode, CursorKind cursor, String zone, String lookback, int partitions,
      int chunk, int page, boolean softDeletes, int base) {
    return new JobSpec(sink, mode, cursor, ZoneId.of(zone), lookback, partitions, chunk, page, softDeletes, false, base);
  }

  private static Step run(Mutation... mutations) {
    return new Step(List.of(mutations), Tamper.NONE, RunKind.NORMAL, 0);
  }
}
