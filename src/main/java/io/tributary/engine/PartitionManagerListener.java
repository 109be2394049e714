package io.tributary.engine;

import io.tributary.core.Cursor;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * The manager side of a partitioned stream. Before the partitions start it opens the stream's table once (so
 * partitions never race to create it) and splits the stream; after every partition has completed it advances the
 * stream's watermark once, to the lowest of the partitions' watermarks, and writes the audit row.
 */
final class PartitionManagerListener implements StepExecutionListener {

  private final StreamStepContext step;
  private final PartitionPlan plan;
  private final WatermarkStore watermarks;
  private final JobRepository jobRepository;
  private final String partitionStepPrefix;
  private final int chunkSize;

  PartitionManagerListener(StreamStepContext step, PartitionPlan plan, WatermarkStore watermarks,
      JobRepository jobRepository, String partitionStepPrefix, int chunkSize) {
    this.step = step;
    this.plan = plan;
    this.watermarks = watermarks;
    this.jobRepository = jobRepository;
    this.partitionStepPrefix = partitionStepPrefix;
    this.chunkSize = chunkSize;
  }

  @Override
  public void beforeStep(StepExecution stepExecution) {
    JobExecution job = stepExecution.getJobExecution();
    Cursor watermark = step.options().fullRefresh()
        ? Cursor.START
        : watermarks.get(step.job(), step.stream().name());
    Instant extractedAt = job.getStartTime() == null
        ? Instant.now()
        : job.getStartTime().toInstant(ZoneOffset.UTC);
    try {
      step.begin(job.getJobInstance().getInstanceId(), job.getId(), extractedAt, watermark, chunkSize);
    } finally {
      step.closeWriter();
    }
    plan.split(step.readRequest(), watermark);
    step.log("split into " + plan.names().size() + " partitions");
  }

  @Override
  public ExitStatus afterStep(StepExecution stepExecution) {
    if (stepExecution.getStatus() != BatchStatus.COMPLETED) {
      step.progress().end(StreamProgress.State.FAILED);
      return stepExecution.getExitStatus();
    }
    if (step.progress().read() == 0 && stepExecution.getReadCount() > 0) {
      // The partitions ran in worker processes: their counters are known here only through the job repository.
      step.progress().read.set(stepExecution.getReadCount());
      step.progress().written.set(stepExecution.getWriteCount());
    }
    try {
      List<Cursor> marks = new ArrayList<>();
      for (String name : plan.names()) {
        StepExecution part = jobRepository.getLastStepExecution(stepExecution.getJobExecution().getJobInstance(),
            partitionStepPrefix + name);
        Cursor mark = part == null ? null
            : CursorCodec.decode(part.getExecutionContext().getString(SourceItemReader.WATERMARK_KEY, null));
        if (mark != null && !mark.isStart()) {
          marks.add(mark);
        }
      }
      Cursor after = marks.isEmpty() ? null : plan.lowestWatermark(marks);
      if (after != null) {
        watermarks.put(step.job(), step.stream().name(), after, step.runId());
        step.progress().watermark(CursorCodec.encode(after));
      } else {
        step.progress().watermark(CursorCodec.encode(step.watermarkBefore()));
      }
      watermarks.audit(new WatermarkStore.LoadAudit(step.job(), step.runId(), step.stream().name(),
          step.progress().read(), step.progress().written(), step.progress().quarantined(),
          step.progress().reportedTotal(), step.watermarkBefore(), after == null ? step.watermarkBefore() : after,
          step.startedAt(), Instant.now(), System.getProperty("user.name"), PartitionPlan.runner()));
      step.progress().end(StreamProgress.State.DONE);
      return stepExecution.getExitStatus();
    } catch (RuntimeException e) {
      stepExecution.setStatus(BatchStatus.FAILED);
      stepExecution.addFailureException(e);
      step.progress().end(StreamProgress.State.FAILED);
      return ExitStatus.FAILED.addExitDescription(e);
    }
  }
}
