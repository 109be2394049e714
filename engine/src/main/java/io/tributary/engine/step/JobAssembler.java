package io.tributary.engine.step;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tributary.config.LoadedJob;
import io.tributary.config.StreamConfig;
import io.tributary.core.PartitionableSource;
import io.tributary.core.Sink;
import io.tributary.core.Source;
import io.tributary.core.WholeFileSource;
import io.tributary.core.WriteMode;
import io.tributary.engine.state.WatermarkStore;
import io.tributary.mapping.MappedItem;
import io.tributary.mart.MartBuilder;
import io.tributary.mart.MartFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;

/**
 * Builds the Spring Batch job for one job file: one chunk-oriented step per stream (reader = source, processor =
 * mapping and validation, writer = sink, in the sink's transactions), then a step that builds the marts. A stream
 * read in parts gets its step from the {@link PartitionedStepBuilder}.
 */
public final class JobAssembler {

  private static final Logger LOG = LoggerFactory.getLogger(JobAssembler.class);
  /** Reads and writes the JSON of record values and mapping, in every step of every run. */
  public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final JobRepository jobRepository;
  private final WatermarkStore watermarks;
  private final ObjectMapper json;
  private final PartitionedStepBuilder partitioned;

  /** @param partitioned builds the steps of streams read in parts (io.tributary.engine.partition) */
  public JobAssembler(JobRepository jobRepository, WatermarkStore watermarks, ObjectMapper json,
      PartitionedStepBuilder partitioned) {
    this.jobRepository = jobRepository;
    this.watermarks = watermarks;
    this.json = json;
    this.partitioned = partitioned;
  }

  /** The piiKey bytes of a job, or null. */
  public static byte[] piiKey(LoadedJob job) {
    return job.config().piiKey() == null ? null
        : job.config().piiKey().resolve().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  public Job assemble(LoadedJob job, Source source, Sink sink, RunOptions options, Map<String, StreamProgress> progress,
      List<String> martsBuilt) {
    List<Step> steps = new ArrayList<>();
    byte[] piiKey = piiKey(job);
    for (StreamConfig stream : job.config().streams()) {
      steps.add(streamStep(job, stream, source, sink, options, progress.get(stream.name()), piiKey));
    }
    List<String> marts = job.config().martsOrEmpty();
    if (!marts.isEmpty()) {
      List<MartFile> files = MartBuilder.load(Path.of("").toAbsolutePath(), marts);
      steps.add(martStep(job.name(), files, sink, martsBuilt,
          io.tributary.mart.MartVariables.of(job.config().martVariables())));
    }
    SimpleJobBuilder builder = new JobBuilder(job.name(), jobRepository).start(steps.get(0));
    for (Step s : steps.subList(1, steps.size())) {
      builder.next(s);
    }
    return builder.build();
  }

  private Step streamStep(LoadedJob job, StreamConfig stream, Source source, Sink sink, RunOptions options,
      StreamProgress progress, byte[] piiKey) {
    int chunkSize = job.config().chunkSizeOrDefault();
    if (stream.partitionsOrDefault() > 1) {
      if (source instanceof PartitionableSource partitionable) {
        return partitioned.build("stream:" + stream.name(), stream, partitionable,
            () -> new StreamStepContext(job.name(), stream, source, sink, options, progress, json, piiKey), chunkSize);
      }
      LOG.warn("[{}/{}] partitions: {} ignored: source type '{}' cannot split a stream; reading it as one step",
          job.name(), stream.name(), stream.partitionsOrDefault(), job.config().sourceType());
    }
    StreamStepContext context = new StreamStepContext(job.name(), stream, source, sink, options, progress, json,
        piiKey);
    if (source instanceof WholeFileSource files && sink.loadsCsvFiles()) {
      return wholeFileStep("stream:" + stream.name(), context, files, chunkSize);
    }
    SourceItemReader reader = new SourceItemReader(context);
    // A restarted run does not skip a merge stream that already completed: it reads on from where that stream
    // stopped to the source's current end, so the rows changed while the job was down arrive now, not a run later
    // (kill -9 after the step committed but before the job did). Merge by key makes the replay harmless; an append
    // stream would duplicate its last page and a replace stream would reload everything, so those stay skipped.
    return chunkStep("stream:" + stream.name(), jobRepository, context, reader, chunkSize,
        new StreamStepListener(context, reader::watermark, watermarks, chunkSize),
        stream.modeOrDefault() == WriteMode.MERGE);
  }

  /**
   * A file-drop stream into a warehouse that reads CSV files itself: one transaction per whole file, pages through
   * the Java path where a file cannot be handed over ({@link WholeFileTasklet}). Same listener, restart and
   * skip rules as {@link #chunkStep}.
   */
  private Step wholeFileStep(String name, StreamStepContext context, WholeFileSource files, int chunkSize) {
    SinkItemWriter writer = new SinkItemWriter(context);
    WholeFileTasklet tasklet = new WholeFileTasklet(context, files, writer);
    return new StepBuilder(name, jobRepository)
        .tasklet(tasklet, new SinkTransactionManager(context.sink()))
        .stream(tasklet)
        .stream(writer)
        .listener(new StreamStepListener(context, tasklet::watermark, watermarks, chunkSize))
        .allowStartIfComplete(context.stream().modeOrDefault() == WriteMode.MERGE)
        .build();
  }

  /**
   * One stream's chunk step: the source's records mapped as they are read ({@link MappingItemReader}), the sink's
   * writer, in the sink's transactions.
   */
  public static Step chunkStep(String name, JobRepository jobRepository, StreamStepContext context,
      SourceItemReader reader, int chunkSize, StepExecutionListener listener, boolean allowStartIfComplete) {
    return new StepBuilder(name, jobRepository)
        .<MappedItem, MappedItem>chunk(chunkSize)
        .transactionManager(new SinkTransactionManager(context.sink()))
        .reader(new MappingItemReader(reader, context))
        .writer(new SinkItemWriter(context))
        .listener(listener)
        .allowStartIfComplete(allowStartIfComplete)
        .build();
  }

  private Step martStep(String jobName, List<MartFile> files, Sink sink, List<String> martsBuilt,
      io.tributary.mart.MartVariables variables) {
    return new StepBuilder("marts", jobRepository)
        .tasklet((contribution, chunkContext) -> {
          List<String> built = MartBuilder.build(files, sink, variables);
          martsBuilt.addAll(built);
          // freshness for readers, who must not open the job repository (docs/agents.md)
          io.tributary.mart.MartManifest.of(jobName, built, watermarks.audits(jobName, 500)).write();
          return RepeatStatus.FINISHED;
        }, new ResourcelessTransactionManager())
        .allowStartIfComplete(true)
        .build();
  }
}
