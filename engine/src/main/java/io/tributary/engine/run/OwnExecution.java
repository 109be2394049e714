package io.tributary.engine.run;

import io.tributary.core.TributaryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * This process's job execution, watched for the loss of its run lock: {@link JobRunner} registers it on the job, and
 * the run lock's watch calls {@link #lockLost} (once, on its own thread). Losing the lock stops this execution only:
 * by then another process may hold the lock and run the same job instance, and its execution must not be touched.
 */
final class OwnExecution implements JobExecutionListener {

  private static final Logger LOG = LoggerFactory.getLogger(OwnExecution.class);

  private final JobOperator jobOperator;
  private volatile JobExecution execution;
  private volatile boolean lost;

  OwnExecution(JobOperator jobOperator) {
    this.jobOperator = jobOperator;
  }

  @Override
  public void beforeJob(JobExecution started) {
    execution = started;
  }

  /**
   * A run that lost its lock never ends COMPLETED, whatever Spring Batch made of the stop (a stop that lands after
   * the last chunk, or a loss reported before this listener saw the execution, lets the job complete): the job
   * repository records it STOPPED (Spring Batch writes the execution after this listener), so the next run resumes
   * its instance.
   */
  @Override
  public void afterJob(JobExecution ended) {
    BatchStatus status = ended.getStatus();
    if (lost && status != BatchStatus.STOPPED && !status.isUnsuccessful()) {
      ended.setStatus(BatchStatus.STOPPED);
      ended.setExitStatus(ExitStatus.STOPPED.addExitDescription("the run lock was lost to another process"));
    }
  }

  /** Called by the run lock's watch: stop at the next chunk boundary, or never start. */
  void lockLost() {
    lost = true;
    JobExecution mine = execution;
    if (mine == null) {
      return;
    }
    try {
      jobOperator.stop(mine);
    } catch (Exception e) {
      LOG.error("cannot stop run {} after losing its run lock", mine.getId(), e);
    }
  }

  boolean lost() {
    return lost;
  }

  void checkNotLost(String job) {
    if (lost) {
      throw TributaryException.busy("the run lock of job '" + job + "' was lost before the run started and another"
          + " process holds it now; this run did nothing", "try again later", null);
    }
  }

  /** What a run that lost its lock says: who holds the lock now, and that the next run resumes. */
  static String lostMessage(String job, long runNumber, RunLocks runLocks) {
    String other;
    try {
      RunLockHolder holder = runLocks.runningHolder(job);
      other = holder != null ? holder.describe() : "another process holds it";
    } catch (RuntimeException e) {
      other = "another process may hold it (" + e.getMessage() + ")";
    }
    return new TributaryException(TributaryException.Kind.TRANSIENT, "run " + runNumber + " of job '" + job
        + "' lost its run lock while it ran (its lock session was cut) and " + other + "; it stopped without"
        + " completing. The chunks it committed before another run claimed its streams stay",
        "nothing to undo: the next run resumes after the last committed chunk (a run that took the job over carries"
            + " on by itself); look into why the lock session was cut", null).describe();
  }
}
