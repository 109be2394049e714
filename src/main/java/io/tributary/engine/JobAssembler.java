package io.tributary.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.config.LoadedJob;
import io.tributary.config.StreamConfig;
import io.tributary.core.Sink;
import io.tributary.core.Source;
import io.tributary.core.WriteMode;
import io.tributary.mapping.MappedItem;
import io.tributary.mart.MartBuilder;
import io.tributary.mart.MartFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;

/**
 * Builds the Spring Batch job for one job file: one chunk-oriented step per stream (reader = source, processor =
 * mapping and validation, writer = sink, in the sink's transactions), then a step that builds the marts.
 */
final class JobAssembler {

  private final JobRepository jobRepository;
  private final WatermarkStore watermarks;
  private final ObjectMapper json;

  JobAssembler(JobRepository jobRepository, WatermarkStore watermarks, ObjectMapper json) {
    this.jobRepository = jobRepository;
    this.watermarks = watermarks;
    this.json = json;
  }

  Job assemble(LoadedJob job, Source source, Sink sink, RunOptions options, Map<String, StreamProgress> progress,
      List<String> martsBuilt) {
    List<Step> steps = new ArrayList<>();
    byte[] piiKey = job.config().piiKey() == null ? null
        : job.config().piiKey().resolve().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (StreamConfig stream : job.config().streams()) {
      steps.add(streamStep(job, stream, source, sink, options, progress.get(stream.name()), piiKey));
    }
    List<String> marts = job.config().martsOrEmpty();
    if (!marts.isEmpty()) {
      List<MartFile> files = MartBuilder.load(Path.of("").toAbsolutePath(), marts);
      steps.add(martStep(files, sink, martsBuilt));
    }
    SimpleJobBuilder builder = new JobBuilder(job.name(), jobRepository).start(steps.get(0));
    for (Step s : steps.subList(1, steps.size())) {
      builder.next(s);
    }
    return builder.build();
  }

  private Step streamStep(LoadedJob job, StreamConfig stream, Source source, Sink sink, RunOptions options,
      StreamProgress progress, byte[] piiKey) {
    StreamStepContext context = new StreamStepContext(job.name(), stream, source, sink, options, progress, json,
        piiKey);
    SourceItemReader reader = new SourceItemReader(context);
    SinkItemWriter writer = new SinkItemWriter(context);
    int chunkSize = job.config().chunkSizeOrDefault();
    return new StepBuilder("stream:" + stream.name(), jobRepository)
        .<SourceItem, MappedItem>chunk(chunkSize)
        .transactionManager(sink.transactionManager())
        .reader(reader)
        .processor(item -> context.mapper().mapWithPosition(item.record(), item))
        .writer(writer)
        .listener(new StreamStepListener(context, reader, watermarks, chunkSize))
        // A restarted run does not skip a merge stream that already completed: it reads on from where that stream
        // stopped to the source's current end, so the rows changed while the job was down arrive now, not a run later
        // (kill -9 after the step committed but before the job did). Merge by key makes the replay harmless; an append
        // stream would duplicate its last page and a replace stream would reload everything, so those stay skipped.
        .allowStartIfComplete(stream.modeOrDefault() == WriteMode.MERGE)
        .build();
  }

  private Step martStep(List<MartFile> files, Sink sink, List<String> martsBuilt) {
    return new StepBuilder("marts", jobRepository)
        .tasklet((contribution, chunkContext) -> {
          martsBuilt.addAll(MartBuilder.build(files, sink));
          return RepeatStatus.FINISHED;
        }, new ResourcelessTransactionManager())
        .allowStartIfComplete(true)
        .build();
  }
}
