package io.tributary.engine;

import io.tributary.config.LoadedJob;
import io.tributary.config.StreamConfig;
import io.tributary.core.Sink;
import io.tributary.core.Source;
import io.tributary.core.TributaryException;
import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.stereotype.Component;

/**
 * {@code ./tributary worker <job>}: consumes the job's partition requests from the broker of its {@code scale:}
 * block and runs each one with the same stream step the manager would run locally, against the shared job
 * repository. Runs until the process is stopped.
 */
@Component
public class PartitionWorker {

  private final JobRepository jobRepository;
  private final PlatformRegistry platforms;
  private final WatermarkStore watermarks;
  private final DataSource repository;
  private final BeanFactory beans;

  public PartitionWorker(JobRepository jobRepository, PlatformRegistry platforms, WatermarkStore watermarks,
      DataSource repository, BeanFactory beans) {
    this.beans = beans;
    this.jobRepository = jobRepository;
    this.platforms = platforms;
    this.watermarks = watermarks;
    this.repository = repository;
  }

  /**
   * Serves partitions with {@code threads} consumers until {@code stop} is counted down. Of {@code options} only the
   * skip limit and the test hooks matter: the manager decides full refresh and the watermark.
   */
  public void serve(LoadedJob job, int threads, RunOptions options, PrintWriter out, CountDownLatch stop)
      throws InterruptedException {
    if (job.config().scale() == null) {
      throw job.binder().error("scale", "missing: the worker takes its partitions from the broker named there",
          "add 'scale: { broker: { host: ... } }' to the job (docs/scaling.md), or run the job with './tributary run'"
              + " alone to use local threads");
    }
    RemotePartitions.requireSharedRepository(repository, "the worker");
    try (Source source = platforms.createSource(job);
        Sink sink = platforms.createSink(job);
        RemotePartitions remote = RemotePartitions.connect(job.config().scale(), job.name(), jobRepository, beans)) {
      Map<String, Step> steps = steps(job, source, sink, options);
      StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
      handler.setJobRepository(jobRepository);
      handler.setStepLocator(name -> {
        Step step = steps.get(name);
        if (step == null) {
          throw unknownStep(name);
        }
        return step;
      });
      remote.listen(threads, request -> {
        StepExecution current = jobRepository.getStepExecution(request.getStepExecutionId());
        if (current != null && !current.getStatus().isRunning()) {
          // A redelivered request whose partition has already ended (the manager has seen its outcome).
          out.printf("partition %s of run %d: already %s, skipped%n", current.getStepName(),
              current.getJobExecutionId(), current.getStatus());
          return current;
        }
        StepExecution done;
        try {
          done = handler.handle(request);
        } catch (RuntimeException e) {
          // The step never ran (no such stream step here, no such execution): fail it in the job repository, or the
          // manager, which polls there, would wait for it forever.
          done = failUnstarted(request.getStepExecutionId(), e);
          if (done == null) {
            throw e;
          }
        }
        out.printf("partition %s of run %d: %s, %d read, %d written%n", done.getStepName(),
            done.getJobExecutionId(), done.getStatus(), done.getReadCount(), done.getWriteCount());
        return done;
      });
      out.printf("Worker for job %s listening on queue %s at %s (%d thread%s); stop with Ctrl-C%n", job.name(),
          remote.queue(), remote.where(), threads, threads == 1 ? "" : "s");
      stop.await();
    }
  }

  private StepExecution failUnstarted(long stepExecutionId, RuntimeException e) {
    StepExecution execution = jobRepository.getStepExecution(stepExecutionId);
    if (execution == null || !execution.getStatus().isRunning()) {
      return execution;
    }
    TributaryException te = TributaryException.find(e);
    execution.setStatus(BatchStatus.FAILED);
    execution.setExitStatus(ExitStatus.FAILED.addExitDescription(e));
    execution.setEndTime(LocalDateTime.now());
    execution.getExecutionContext().putString(PartitionPlan.RUNNER_KEY, PartitionPlan.runner());
    execution.getExecutionContext().putString(PartitionPlan.ERROR_KEY, te != null ? te.getMessage() : e.toString());
    execution.getExecutionContext().putString(PartitionPlan.ERROR_KIND_KEY,
        te != null ? te.kind().name() : TributaryException.Kind.TRANSIENT.name());
    jobRepository.update(execution);
    jobRepository.updateExecutionContext(execution);
    return execution;
  }

  private Map<String, Step> steps(LoadedJob job, Source source, Sink sink, RunOptions options) {
    JobAssembler assembler = new JobAssembler(jobRepository, watermarks, JobRunner.JSON);
    byte[] piiKey = JobAssembler.piiKey(job);
    Map<String, Step> steps = new LinkedHashMap<>();
    for (StreamConfig stream : job.config().streams()) {
      if (stream.partitionsOrDefault() > 1) {
        StreamProgress progress = new StreamProgress(stream.name(), stream.modeOrDefault().name().toLowerCase());
        Step step = assembler.workerStep(job, stream, source, sink, options, progress, piiKey);
        steps.put(step.getName(), step);
      }
    }
    if (steps.isEmpty()) {
      throw job.binder().error("streams", "no stream has 'partitions:' above 1, so there is nothing to work on",
          "set 'partitions: N' on the streams to spread over workers");
    }
    return steps;
  }

  /** For a clear message when a request names no known step. */
  static TributaryException unknownStep(String name) {
    return TributaryException.config("this worker has no stream step " + name,
        "run the worker with the same job file as the manager");
  }
}
