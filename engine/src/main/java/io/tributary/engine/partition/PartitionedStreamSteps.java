package io.tributary.engine.partition;

import io.tributary.config.LoadedJob;
import io.tributary.config.StreamConfig;
import io.tributary.core.PartitionableSource;
import io.tributary.core.Sink;
import io.tributary.core.Source;
import io.tributary.engine.state.WatermarkStore;
import io.tributary.engine.step.JobAssembler;
import io.tributary.engine.step.PartitionedStepBuilder;
import io.tributary.engine.step.RunOptions;
import io.tributary.engine.step.StreamProgress;
import io.tributary.engine.step.StreamStepContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The steps of partitioned streams. A stream's step in a run is a manager step that opens the table, splits the
 * stream and hands the parts to a partition handler (local threads, or worker processes over the broker when the job
 * has {@code scale:}), then advances the watermark once. A restart re-runs only the parts that did not complete, each
 * after its last committed chunk; a partitioned stream that had completed is skipped (its parts are, and re-reading
 * them all would be a full read). Worker processes run the parts with the steps of {@link #forWorker}.
 */
public final class PartitionedStreamSteps implements PartitionedStepBuilder {

  private final JobRepository jobRepository;
  private final WatermarkStore watermarks;
  private final RemotePartitioning.Link remote;

  /** @param remote sends partitions to worker processes; null runs them on local threads */
  public PartitionedStreamSteps(JobRepository jobRepository, WatermarkStore watermarks,
      RemotePartitioning.Link remote) {
    this.jobRepository = jobRepository;
    this.watermarks = watermarks;
    this.remote = remote;
  }

  @Override
  public Step build(String name, StreamConfig stream, PartitionableSource source,
      Supplier<StreamStepContext> contexts, int chunkSize) {
    int count = stream.partitionsOrDefault();
    PartitionPlan plan = new PartitionPlan(source, count);
    PartitionHandler handler = remote == null
        ? localHandler(new PartitionWorkerStep(name, jobRepository, contexts, chunkSize), count)
        : remote.handler(name, count);
    return new StepBuilder(name, jobRepository)
        .partitioner(name, plan)
        .partitionHandler(handler)
        .gridSize(count)
        .listener(new PartitionManagerListener(contexts.get(), plan, watermarks, jobRepository, name + ":",
            chunkSize, remote != null))
        .build();
  }

  /**
   * The worker steps of {@code job} by name, one per partitioned stream: what a worker process runs for the requests
   * a manager sends. Of {@code options} only the skip limit matters: the manager decides full refresh and watermark.
   */
  public static Map<String, Step> forWorker(LoadedJob job, Source source, Sink sink, RunOptions options,
      JobRepository jobRepository) {
    byte[] piiKey = JobAssembler.piiKey(job);
    Map<String, Step> steps = new LinkedHashMap<>();
    for (StreamConfig stream : job.config().streams()) {
      if (stream.partitionsOrDefault() > 1) {
        StreamProgress progress = new StreamProgress(stream.name(), stream.modeOrDefault().name().toLowerCase());
        Step step = new PartitionWorkerStep("stream:" + stream.name(), jobRepository,
            () -> new StreamStepContext(job.name(), stream, source, sink, options, progress, JobAssembler.JSON,
                piiKey), job.config().chunkSizeOrDefault());
        steps.put(step.getName(), step);
      }
    }
    if (steps.isEmpty()) {
      throw job.binder().error("streams", "no stream has 'partitions:' above 1, so there is nothing to work on",
          "set 'partitions: N' on the streams to spread over workers");
    }
    return steps;
  }

  private static PartitionHandler localHandler(Step worker, int count) {
    SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(worker.getName() + "-");
    threads.setConcurrencyLimit(count);
    TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
    handler.setStep(worker);
    handler.setTaskExecutor(threads);
    handler.setGridSize(count);
    return handler;
  }
}
