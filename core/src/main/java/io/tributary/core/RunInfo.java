package io.tributary.core;

import java.time.Instant;

/**
 * Identity of the run a sink writes for.
 *
 * @param job job name
 * @param instanceId the Spring Batch job instance id: the same across a failed run and its restarts
 * @param runId the job execution id, written to {@link SystemColumns#RUN_ID}
 * @param extractedAt the run's start, written to {@link SystemColumns#EXTRACTED_AT}
 */
public record RunInfo(String job, long instanceId, long runId, Instant extractedAt) {}
