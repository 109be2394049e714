package io.tributary.scale.rabbitmq;

import io.tributary.config.LoadedJob;
import io.tributary.core.Sink;
import io.tributary.core.Source;
import io.tributary.core.TributaryException;
import io.tributary.engine.PlatformRegistry;
import io.tributary.engine.partition.PartitionPlan;
import io.tributary.engine.partition.PartitionedStreamSteps;
import io.tributary.engine.partition.RemotePartitioning;
import io.tributary.engine.step.RunOptions;
import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.stereotype.Component;

/**
 * The engine's remote partitioning over RabbitMQ, a Spring bean so the engine finds it when this module is on the
 * class path. A run's manager sends its partition requests to the job's durable work queue
 * ({@link RabbitPartitionQueue}); {@code ./tributary worker <job>} consumes them and runs each one with the same
 * stream step the manager would run locally, against the shared job repository, until the process is stopped.
 * {@code beans}: Spring Integration endpoints need the bean factory even when they are not beans themselves.
 */
@Component
public record RabbitPartitioning(JobRepository jobRepository, PlatformRegistry platforms, BeanFactory beans)
    implements RemotePartitioning {

  @Override
  public Link connect(LoadedJob job) {
    return RabbitPartitionQueue.connect(job.config().scale(), job.name(), jobRepository, beans);
  }

  /**
   * Serves partitions with {@code threads} consumers until {@code stop} is counted down. Of {@code options} only the
   * skip limit matters: the manager decides full refresh and the watermark.
   */
  @Override
  public void serve(LoadedJob job, int threads, RunOptions options, PrintWriter out, CountDownLatch stop)
      throws InterruptedException {
    try (Source source = platforms.createSource(job);
        Sink sink = platforms.createSink(job);
        RabbitPartitionQueue remote = RabbitPartitionQueue.connect(job.config().scale(), job.name(), jobRepository,
            beans)) {
      Map<String, Step> steps = PartitionedStreamSteps.forWorker(job, source, sink, options, jobRepository);
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
    execution.setStatus(BatchStatus.FAILED);
    execution.setExitStatus(ExitStatus.FAILED.addExitDescription(e));
    execution.setEndTime(LocalDateTime.now());
    PartitionPlan.recordFailure(execution.getExecutionContext(), e);
    jobRepository.update(execution);
    jobRepository.updateExecutionContext(execution);
    return execution;
  }

  /** For a clear message when a request names no known step. */
  static TributaryException unknownStep(String name) {
    return TributaryException.config("this worker has no stream step " + name,
        "run the worker with the same job file as the manager");
  }
}
