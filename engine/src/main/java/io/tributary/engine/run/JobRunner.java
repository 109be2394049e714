package io.tributary.engine.run;

import io.tributary.config.LoadedJob;
import io.tributary.config.StreamConfig;
import io.tributary.core.RunInfo;
import io.tributary.core.Sink;
import io.tributary.core.Source;
import io.tributary.core.TributaryException;
import io.tributary.engine.PlatformRegistry;
import io.tributary.engine.partition.PartitionedStreamSteps;
import io.tributary.engine.partition.RemotePartitioning;
import io.tributary.engine.partition.ScaleOut;
import io.tributary.engine.state.WatermarkStore;
import io.tributary.engine.step.JobAssembler;
import io.tributary.engine.step.RunOptions;
import io.tributary.engine.step.StreamProgress;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Runs a job file: decides between a new run and a restart of the last failed one, builds and launches the Spring
 * Batch job, and maps the outcome to an exit code. The caller watches progress and prints the summary.
 */
@Component
public class JobRunner {

  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
  /** The job parameters of a run: its number, and whether it reads everything again. */
  public static final String RUN_ID = "run.id";
  public static final String FULL_REFRESH = "full_refresh";

  private final JobRepository jobRepository;
  private final JobOperator jobOperator;
  private final PlatformRegistry platforms;
  private final WatermarkStore watermarks;
  private final RunLocks runLocks;
  private final JobIdentity identity;
  private final ScaleOut scaleOut;

  public JobRunner(JobRepository jobRepository, JobOperator jobOperator, PlatformRegistry platforms,
      WatermarkStore watermarks, RunLocks runLocks, JobIdentity identity, ScaleOut scaleOut) {
    this.scaleOut = scaleOut;
    this.jobRepository = jobRepository;
    this.jobOperator = jobOperator;
    this.platforms = platforms;
    this.watermarks = watermarks;
    this.runLocks = runLocks;
    this.identity = identity;
  }

  /** Runs {@code job}, printing what it does to {@code out}; {@code watcher} watches it while its job executes. */
  public RunResult run(LoadedJob job, RunOptions options, PrintWriter out, ProgressWatcher watcher) {
    Map<String, StreamProgress> progress = new LinkedHashMap<>();
    for (StreamConfig s : job.config().streams()) {
      progress.put(s.name(), new StreamProgress(s.name(), s.modeOrDefault().name().toLowerCase()));
    }
    List<String> marts = Collections.synchronizedList(new ArrayList<>());
    // The lock comes first: only its holder may read the last execution as dead, and bind the name to this job.
    try (RunLock lock = runLocks.acquire(job.name())) {
      OwnExecution own = new OwnExecution(jobOperator);
      lock.watch(own::lockLost);
      scaleOut.check(job);
      identity.check(job, options.fullRefresh());
      return runLocked(job, options, out, watcher, progress, marts, own);
    } catch (Exception e) {
      return failed(job, e, progress, marts);
    }
  }

  private RunResult runLocked(LoadedJob job, RunOptions options, PrintWriter out, ProgressWatcher watcher,
      Map<String, StreamProgress> progress, List<String> marts, OwnExecution own) throws Exception {
    try (Source source = platforms.createSource(job);
        Sink sink = platforms.createSink(job);
        RemotePartitioning.Link remote = scaleOut.connect(job)) {
      JobParameters params = parameters(job.name(), options, out);
      boolean restart = jobRepository.getJobInstance(job.name(), params) != null;
      // A resumed run keeps the mode it started with, whatever this command line says.
      RunOptions effective = options.withFullRefresh("true".equals(params.getString(FULL_REFRESH)));
      Job batchJob = new JobAssembler(jobRepository, watermarks, JobAssembler.JSON,
          new PartitionedStreamSteps(jobRepository, watermarks, remote)).assemble(job, source, sink, effective,
          progress, marts);
      out.printf("%s job %s%s%n", restart ? "Resuming" : "Running", job.name(),
          effective.fullRefresh() ? " (full refresh)" : "");
      if (remote != null) {
        out.printf("Partitions go to workers on queue %s at %s; start them with './tributary worker %s'%n",
            remote.queue(), remote.where(), job.file());
      }
      if (batchJob instanceof AbstractJob listened) {
        listened.registerJobExecutionListener(own);
      }
      own.checkNotLost(job.name());
      JobExecution execution;
      try (AutoCloseable ignored = watcher.watch(progress.values())) {
        execution = jobOperator.start(batchJob, params);
      }
      // COMPLETED here means the loss came after afterJob: the job repository says COMPLETED, and so does the exit
      return own.lost() && execution.getStatus() != BatchStatus.COMPLETED
          ? lostResult(job.name(), execution, restart, progress, marts) : result(execution, restart, progress, marts);
    }
  }

  /**
   * The outcome of a run that lost its run lock while it ran: exit 1 and never COMPLETED, naming who holds the lock
   * now. Its chunks that committed before the other run claimed the stream stay (that run resumes after them); a
   * chunk of this run after the claim was refused by the warehouse and rolled back.
   */
  private RunResult lostResult(String job, JobExecution execution, boolean restart,
      Map<String, StreamProgress> progress, List<String> marts) {
    return new RunResult(1, execution.getStatus().name(), execution.getId(), runNumber(execution), restart,
        List.copyOf(progress.values()), List.copyOf(marts), OwnExecution.lostMessage(job, runNumber(execution),
            runLocks));
  }

  private static RunResult failed(LoadedJob job, Exception e, Map<String, StreamProgress> progress,
      List<String> marts) {
    TributaryException te = TributaryException.find(e);
    if (te != null) {
      String status = te.kind() == TributaryException.Kind.BUSY ? "BUSY" : "FAILED";
      return new RunResult(te.kind().exitCode(), status, -1, -1, false, List.copyOf(progress.values()), marts,
          te.describe());
    }
    LOG.error("run of {} failed", job.name(), e);
    return new RunResult(1, "FAILED", -1, -1, false, List.copyOf(progress.values()), marts,
        e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  /**
   * Restart the last instance if it did not complete (marking a dead STARTED execution FAILED first); otherwise, a
   * new instance. {@code --full-refresh} always starts a new instance.
   */
  private JobParameters parameters(String name, RunOptions options, PrintWriter out) {
    JobInstance last = jobRepository.getLastJobInstance(name);
    while (last != null && jobRepository.getLastJobExecution(last) == null) {
      // The process died between creating this instance and its first execution: nothing of it ran, and Spring
      // Batch cannot restart an instance without an execution, so it is dropped and the run starts afresh.
      out.printf("Run of %s was interrupted before it started (instance %d has no execution); starting it again%n",
          name, last.getInstanceId());
      jobRepository.deleteJobInstance(last);
      last = jobRepository.getLastJobInstance(name);
    }
    JobExecution lastExecution = last == null ? null : jobRepository.getLastJobExecution(last);
    if (lastExecution != null && !options.fullRefresh()) {
      BatchStatus status = lastExecution.getStatus();
      if (status.isRunning() || status == BatchStatus.UNKNOWN) {
        // We hold the run lock, so the process that left this STARTED or UNKNOWN is gone (crash, kill -9, or an
        // outcome it could not record). Its instance resumes from the warehouse position it committed.
        new DeadRuns(jobRepository).markFailed(last);
        out.printf(status == BatchStatus.UNKNOWN
            ? "Run %d of %s ended UNKNOWN (its process could not record the outcome and is gone); resuming it%n"
            : "Run %d of %s was interrupted (process died); resuming it%n", runNumber(lastExecution), name);
        return lastExecution.getJobParameters();
      }
      if (status == BatchStatus.FAILED || status == BatchStatus.STOPPED) {
        // A step of it can still say STARTED or STOPPING: a process that lost its run lock can record the job STOPPED
        // with a step still in flight (RunLockLossIT), and a kill between the job's and the step's writes leaves the
        // same. Spring Batch refuses to restart an instance with a running step, so every later run would fail. We
        // hold the lock, and the warehouse refuses that step's writer once this run claims the stream.
        new DeadRuns(jobRepository).markFailed(last);
        out.printf("Run %d of %s did not complete (%s); resuming it%n", runNumber(lastExecution), name, status);
        return lastExecution.getJobParameters();
      }
    }
    if (options.restartOnly()) {
      throw TributaryException.config("job '" + name + "' has no failed run to restart",
          "use './tributary run' without --restart to start a new run");
    }
    long next = 1;
    if (lastExecution != null) {
      Long previous = lastExecution.getJobParameters().getLong(RUN_ID);
      next = previous == null ? 1 : previous + 1;
    }
    return new JobParametersBuilder()
        .addLong(RUN_ID, next)
        .addString(FULL_REFRESH, Boolean.toString(options.fullRefresh()))
        .addLong(RunInfo.REPOSITORY_PARAMETER, identity.repositoryId(), false)
        .toJobParameters();
  }

  /** The job's own run number ({@link #RUN_ID}, per job); execution ids are shared by every job of the repository. */
  public static long runNumber(JobExecution execution) {
    Long n = execution.getJobParameters().getLong(RUN_ID);
    return n == null ? execution.getId() : n;
  }

  private RunResult result(JobExecution execution, boolean restart, Map<String, StreamProgress> progress,
      List<String> marts) {
    BatchStatus status = execution.getStatus();
    List<StreamProgress> streams = List.copyOf(progress.values());
    if (status == BatchStatus.COMPLETED) {
      return new RunResult(0, status.name(), execution.getId(), runNumber(execution), restart, streams, List.copyOf(marts), null);
    }
    List<Throwable> failures = new ArrayList<>(execution.getAllFailureExceptions());
    TributaryException te = failures.stream().map(TributaryException::find).filter(java.util.Objects::nonNull)
        .findFirst().orElse(null);
    String message;
    int exit = 1;
    if (te != null) {
      message = te.describe();
      exit = te.kind().exitCode();
    } else if (!failures.isEmpty()) {
      Throwable f = failures.get(0);
      LOG.error("run {} failed", execution.getId(), f);
      message = f.getClass().getSimpleName() + ": " + f.getMessage()
          + "\n  fix: see .tributary/logs/tributary.log; run again to resume after the last committed chunk";
    } else {
      message = "run ended " + status + "; run again to resume";
    }
    return new RunResult(exit, status.name(), execution.getId(), runNumber(execution), restart, streams, List.copyOf(marts), message);
  }
}
