package io.tributary.engine.run;

import io.tributary.engine.step.StreamProgress;
import java.util.List;

/**
 * How a run ended.
 *
 * @param exitCode 0 ok, 1 failed but restartable, 2 config or usage error
 * @param status the Spring Batch status (COMPLETED, FAILED...)
 * @param runId the job execution id (the warehouse's {@code _tributary_run_id}), unique across jobs
 * @param runNumber the job's own run number, 1 for its first run; a resumed run keeps the number of the run it resumes
 * @param restarted whether this run resumed a failed one
 * @param streams per-stream counters
 * @param marts marts built
 * @param message the failure, with its fix hint, or null
 */
public record RunResult(int exitCode, String status, long runId, long runNumber, boolean restarted, List<StreamProgress> streams,
    List<String> marts, String message) {}
