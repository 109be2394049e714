package io.tributary.engine.run;

import java.time.LocalDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Marks every execution of a job instance (and step) left STARTED, STOPPING or UNKNOWN by a dead process FAILED, the
 * one status from which Spring Batch restarts the same instance (it refuses UNKNOWN, and ABANDONED ends the instance).
 * Only the run lock's holder calls this, once per run before it restarts the instance: a process that still runs one
 * of them has lost the lock, and the warehouse refuses its writes once this run claims the stream.
 */
final class DeadRuns {

  private static final Logger LOG = LoggerFactory.getLogger(DeadRuns.class);
  static final int ATTEMPTS = 10;
  private static final long PAUSE_MILLIS = 50;

  private final JobRepository jobRepository;

  DeadRuns(JobRepository jobRepository) {
    this.jobRepository = jobRepository;
  }

  /**
   * Marks {@code instance}'s dead executions FAILED. The process that lost the lock may still be alive and write the
   * same records (its own stop, a chunk's step update) between this read and this write, which Spring Batch's
   * optimistic locking refuses: the records are then read again and judged afresh. That process stops writing once
   * it sees its stop or this run claims the stream; if it has not after {@link #ATTEMPTS} rounds, the refusal is
   * thrown (the run fails, exit 1, and the next one tries again).
   */
  void markFailed(JobInstance instance) {
    for (int attempt = 1; ; attempt++) {
      try {
        markFailedOnce(instance);
        return;
      } catch (OptimisticLockingFailureException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
        LOG.info("run of {} changed while it was being marked failed ({}); reading it again", instance.getJobName(),
            e.getMessage());
        pause(PAUSE_MILLIS * attempt);
      }
    }
  }

  private void markFailedOnce(JobInstance instance) {
    LocalDateTime now = LocalDateTime.now();
    for (JobExecution execution : jobRepository.getJobExecutions(instance)) {
      for (StepExecution step : execution.getStepExecutions()) {
        if (dead(step.getStatus())) {
          step.setStatus(BatchStatus.FAILED);
          step.setExitStatus(ExitStatus.FAILED.addExitDescription("abandoned by a process that died"));
          step.setEndTime(now);
          jobRepository.update(step);
        }
      }
      if (dead(execution.getStatus())) {
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(ExitStatus.FAILED.addExitDescription("abandoned by a process that died"));
        execution.setEndTime(now);
        jobRepository.update(execution);
      }
    }
  }

  static boolean dead(BatchStatus status) {
    return status.isRunning() || status == BatchStatus.UNKNOWN;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while marking a dead run failed", e);
    }
  }
}
