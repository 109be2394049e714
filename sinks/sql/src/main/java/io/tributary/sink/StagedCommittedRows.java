package io.tributary.sink;

import io.tributary.core.WriteMode;

/**
 * When a warehouse that stages a run's rows and publishes them once at the end (Snowflake, BigQuery) checks, before it
 * reads on, that its target still holds the rows committed into it ({@link io.tributary.core.CommittedRows}).
 */
public final class StagedCommittedRows {

  private StagedCommittedRows() {}

  /**
   * A replace instance that has not published yet replaces every row anyway, and a new full refresh accepts the target
   * as it is; everything else is checked.
   *
   * @param instanceHasState whether the stream's state row belongs to this job instance
   * @param instancePublished whether that row says the instance has published into the target
   */
  public static boolean checked(WriteMode mode, boolean fullRefresh, boolean instanceHasState,
      boolean instancePublished) {
    if (mode == WriteMode.REPLACE) {
      return instancePublished;
    }
    return !(fullRefresh && !instanceHasState);
  }
}
