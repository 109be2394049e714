package io.tributary.core;

import java.time.Instant;

/**
 * Identity of the run a sink writes for.
 *
 * @param job job name
 * @param instanceId the job instance's key: the same across a failed run and its restarts, and distinct across job
 *     repositories ({@link #instanceKey}), since the warehouse's state rows are matched against it
 * @param runId the job execution id, written to {@link SystemColumns#RUN_ID}
 * @param extractedAt the run's start, written to {@link SystemColumns#EXTRACTED_AT}
 */
public record RunInfo(String job, long instanceId, long runId, Instant extractedAt) {

  /** The job repository parameter that carries the repository's id into every execution of an instance. */
  public static final String REPOSITORY_PARAMETER = "repository";

  /**
   * The key of Spring Batch's job instance {@code instanceId} in the repository {@code repositoryId}: the id in the
   * low 32 bits, the repository in the high ones. Each repository numbers its instances from 1, so the bare id of a
   * new repository (a deleted {@code .tributary/}, another host's H2 file) would match the state row an instance of
   * another repository left in the warehouse, and resume from that instance's position as if it were its own.
   */
  public static long instanceKey(long repositoryId, long instanceId) {
    return (repositoryId << 32) | (instanceId & 0xFFFF_FFFFL);
  }

  /**
   * Refuses (CONFIG, exit 2) to load a stream whose warehouse state row, written by job instance {@code stateOwner},
   * comes from another job repository than this run's, unless the run is a full refresh: this repository's watermarks
   * do not describe what the warehouse holds, so reading on from them would load rows again or skip them.
   */
  public void requireSameRepository(long stateOwner, String stream, boolean fullRefresh) {
    if (fullRefresh || stateOwner >>> 32 == instanceId >>> 32) {
      return;
    }
    throw TributaryException.config("stream '" + stream + "' of job '" + job + "' was last loaded into this warehouse"
            + " by job instance " + (stateOwner & 0xFFFF_FFFFL) + " of another job repository (id "
            + (stateOwner >>> 32) + "; this run's repository has id " + (instanceId >>> 32) + "): the job repository"
            + " was deleted or replaced (a new .tributary/ folder, another TRIBUTARY_REPOSITORY_URL), or two"
            + " repositories load the same warehouse. This repository's watermarks do not say what the warehouse"
            + " holds, so reading on from them would load rows twice or skip them",
        "run the job with the job repository that loaded this warehouse (the same .tributary/ folder or"
            + " TRIBUTARY_REPOSITORY_URL); or, to make this repository the owner, run once with --full-refresh,"
            + " which reloads the stream from the start");
  }
}
