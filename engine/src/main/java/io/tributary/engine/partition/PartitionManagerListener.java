package io.tributary.engine.partition;

import io.tributary.core.Cursor;
import io.tributary.core.TributaryException;
import io.tributary.engine.state.CursorCodec;
import io.tributary.engine.state.WatermarkStore;
import io.tributary.engine.step.SinkItemWriter;
import io.tributary.engine.step.SourceItemReader;
import io.tributary.engine.step.StreamProgress;
import io.tributary.engine.step.StreamStepContext;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * The manager side of a partitioned stream. Before the partitions start it opens the stream's table once (so
 * partitions never race to create it) and splits the stream; after every partition has completed it checks the table
 * still holds the rows committed into it, advances the stream's watermark once, to the lowest of the partitions'
 * watermarks, and writes the audit row. It never publishes rows itself: a partition completes only after it has
 * published its own ({@link PartitionStepListener}), so every row below the watermark it advances is in the target,
 * whichever process staged it. {@code remote}: whether the partitions run in worker processes (their failures are
 * known only as text).
 */
record PartitionManagerListener(StreamStepContext step, PartitionPlan plan, WatermarkStore watermarks,
    JobRepository jobRepository, String partitionStepPrefix, int chunkSize, boolean remote)
    implements StepExecutionListener {

  /**
   * A worker's exception stays in the worker: the manager sees the failed partitions through the job repository,
   * where the worker left each failure's message and kind ({@link PartitionStepListener}). They become the run's error.
   */
  private void reportWorkerFailures(StepExecution stepExecution) {
    List<String> reasons = new ArrayList<>();
    TributaryException.Kind kind = TributaryException.Kind.TRANSIENT;
    for (String name : plan.names()) {
      StepExecution part = jobRepository.getLastStepExecution(stepExecution.getJobExecution().getJobInstance(),
          partitionStepPrefix + name);
      if (part != null && part.getStatus() == BatchStatus.FAILED) {
        var ec = part.getExecutionContext();
        reasons.add("partition " + name + " on " + ec.getString(PartitionPlan.RUNNER_KEY, "?") + ": "
            + ec.getString(PartitionPlan.ERROR_KEY, part.getExitStatus().getExitCode()));
        if (reasons.size() == 1 && ec.containsKey(PartitionPlan.ERROR_KIND_KEY)) {
          kind = TributaryException.Kind.valueOf(ec.getString(PartitionPlan.ERROR_KIND_KEY));
        }
      }
    }
    if (!reasons.isEmpty()) {
      stepExecution.addFailureException(new TributaryException(kind,
          "stream '" + step.stream().name() + "': " + String.join("; ", reasons),
          "see the worker's output and .tributary/logs/tributary.log on its machine; once the cause is dealt with,"
              + " run again: only the failed partitions are sent again, each resuming after its last committed chunk",
          null));
    }
  }

  /**
   * Read as Spring Batch summed it; written and quarantined as each partition of this run landed them (Spring Batch's
   * write count holds the quarantined records too). A partition that completed in an earlier run of this instance
   * counts there.
   */
  private void countWorkerRows(StepExecution stepExecution) {
    long written = 0;
    long quarantined = 0;
    for (String name : plan.names()) {
      StepExecution part = jobRepository.getLastStepExecution(stepExecution.getJobExecution().getJobInstance(),
          partitionStepPrefix + name);
      if (part != null
          && java.util.Objects.equals(part.getJobExecutionId(), stepExecution.getJobExecutionId())) {
        written += part.getExecutionContext().getLong(SinkItemWriter.RUN_WRITTEN_KEY, 0L);
        quarantined += part.getExecutionContext().getLong(SinkItemWriter.RUN_QUARANTINED_KEY, 0L);
      }
    }
    step.progress().counted(stepExecution.getReadCount(), written, quarantined);
  }

  @Override
  public void beforeStep(StepExecution stepExecution) {
    Cursor watermark;
    try {
      watermark = step.begin(stepExecution.getJobExecution(), watermarks, chunkSize);
    } catch (RuntimeException e) {
      step.closeWriter();
      throw e;
    }
    plan.split(step.readRequest(), watermark);
    step.log("split into " + plan.names().size() + " partitions");
  }

  @Override
  public ExitStatus afterStep(StepExecution stepExecution) {
    if (stepExecution.getStatus() != BatchStatus.COMPLETED) {
      step.closeWriter();
      step.progress().end(StreamProgress.State.FAILED);
      if (remote) {
        reportWorkerFailures(stepExecution);
      }
      return stepExecution.getExitStatus();
    }
    if (step.progress().read() == 0 && stepExecution.getReadCount() > 0) {
      // The partitions ran in worker processes: their counters are known here only through the job repository.
      countWorkerRows(stepExecution);
    }
    return step.completeStep(stepExecution, () -> {
      Cursor after = lowestPartitionWatermark(stepExecution);
      step.writer().verifyCommittedRows();
      step.complete(watermarks, after, PartitionPlan.runner());
    });
  }

  /** The lowest watermark the partitions kept, or null when none read anything. */
  private Cursor lowestPartitionWatermark(StepExecution stepExecution) {
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
    return marks.isEmpty() ? null : plan.lowestWatermark(marks);
  }
}
