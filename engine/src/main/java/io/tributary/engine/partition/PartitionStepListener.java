package io.tributary.engine.partition;

import io.tributary.core.Cursor;
import io.tributary.engine.state.CursorCodec;
import io.tributary.engine.step.SourceItemReader;
import io.tributary.engine.step.StreamStepContext;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Opens one partition of a stream before its step, from the partition's ExecutionContext (bounds, starting
 * watermark); when its chunks have committed, publishes the partition's rows ({@code TableWriter.finish()}: the only
 * place a staging sink such as Snowflake or BigQuery moves them into the target) and only then keeps the partition's
 * watermark there. A failed publish fails the partition, so a rerun publishes it. The stream's watermark and audit
 * row are the manager's ({@link PartitionManagerListener}), once every partition has completed.
 */
record PartitionStepListener(StreamStepContext step, SourceItemReader reader, int chunkSize)
    implements StepExecutionListener {

  @Override
  public void beforeStep(StepExecution stepExecution) {
    ExecutionContext ec = stepExecution.getExecutionContext();
    Cursor watermark = CursorCodec.decode(ec.getString(PartitionPlan.WATERMARK_BEFORE_KEY, null));
    ec.putString(PartitionPlan.RUNNER_KEY, PartitionPlan.runner());
    step.beginPartition(stepExecution.getJobExecution(), watermark == null ? Cursor.START : watermark, chunkSize,
        ec.getString(PartitionPlan.PARTITION_KEY), PartitionPlan.bounds(ec));
  }

  @Override
  public ExitStatus afterStep(StepExecution stepExecution) {
    try {
      ExitStatus exit = stepExecution.getExitStatus();
      if (stepExecution.getStatus() == BatchStatus.COMPLETED) {
        exit = publish(stepExecution);
      }
      if (stepExecution.getStatus() == BatchStatus.FAILED && !stepExecution.getFailureExceptions().isEmpty()) {
        PartitionPlan.recordFailure(stepExecution.getExecutionContext(), stepExecution.getFailureExceptions().get(0));
      }
      return exit;
    } finally {
      step.closeWriter();
    }
  }

  /** Publishes the partition's rows, then keeps its watermark; a failure fails the partition step. */
  private ExitStatus publish(StepExecution stepExecution) {
    try {
      step.writer().finish();
    } catch (RuntimeException e) {
      stepExecution.setStatus(BatchStatus.FAILED);
      stepExecution.addFailureException(e);
      return ExitStatus.FAILED.addExitDescription(e);
    }
    if (reader.watermark() != null) {
      stepExecution.getExecutionContext().putString(SourceItemReader.WATERMARK_KEY,
          CursorCodec.encode(reader.watermark()));
    }
    return stepExecution.getExitStatus();
  }
}
