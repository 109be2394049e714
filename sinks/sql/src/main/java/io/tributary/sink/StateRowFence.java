package io.tributary.sink;

import io.tributary.core.RunInfo;
import io.tributary.core.TributaryException;
import java.util.UUID;

/**
 * The fence on a stream's {@code _tributary_state} row. Each opened table writer claims the row with a token of its
 * own, and every chunk's (and the replace swap's) state update succeeds only while the row still names that token,
 * in the same warehouse transaction as the rows. A run that lost its run lock (its lock session cut while its other
 * connections live on) can be overtaken by another run, which claims the row when it opens the stream: the stale run's
 * next chunk then updates no state row and rolls back with its rows, so an {@code append} stream never gets the same
 * chunk twice. Used by the PostgreSQL and DuckDB sinks.
 */
public final class StateRowFence {

  private StateRowFence() {}

  /** A token no other writer has: the job execution id (for people reading the row) and a random part. */
  public static String newToken(RunInfo run) {
    return "run " + run.runId() + " " + UUID.randomUUID();
  }

  /**
   * The failure of a writer whose claim was taken over: nothing of its chunk commits, and the run fails (exit 1, never
   * COMPLETED). Not BUSY (exit 3, "did nothing"): this run may have committed chunks before the takeover.
   */
  public static TributaryException takenOver(String job, String stream, String stateTable, String token) {
    return new TributaryException(TributaryException.Kind.TRANSIENT, "another run took over job '" + job
        + "' (stream " + stream + ": its row in " + stateTable + " is no longer claimed by this run's writer, " + token
        + "); this run lost its run lock and stops, and the chunk it was writing rolled back",
        "nothing to undo: the run that took over carries on, and the next run resumes after the last committed"
            + " chunk; check with 'tributary status', and look into why this run's lock session was cut", null);
  }
}
