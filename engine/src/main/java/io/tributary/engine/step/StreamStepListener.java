package io.tributary.engine.step;

import io.tributary.core.Cursor;
import io.tributary.engine.state.WatermarkStore;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Supplier;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Opens a stream before its step (discovery, mapping, tables) and, once every chunk has committed, finishes the
 * table (replace swap), advances the stream's watermark and writes the audit row. A failure there fails the step,
 * so a rerun redoes it.
 *
 * @param watermark the stream's high-water mark once every chunk committed (the reader's or the tasklet's)
 */
record StreamStepListener(StreamStepContext step, Supplier<Cursor> watermark, WatermarkStore watermarks,
    int chunkSize) implements StepExecutionListener {

  @Override
  public void beforeStep(StepExecution stepExecution) {
    step.begin(stepExecution.getJobExecution(), watermarks, chunkSize);
  }

  @Override
  public ExitStatus afterStep(StepExecution stepExecution) {
    if (stepExecution.getStatus() != BatchStatus.COMPLETED) {
      step.progress().end(StreamProgress.State.FAILED);
      step.closeWriter();
      return stepExecution.getExitStatus();
    }
    return step.completeStep(stepExecution, this::publish);
  }

  /** Reconciles, publishes the table and only then advances the stream's watermark. */
  private void publish() {
    // Checked before the table is finished and the watermark moves, so a strict failure changes nothing visible.
    String reconciliation = reconcile();
    step.progress().reconciliation(reconciliation);
    if (reconciliation.startsWith("MISMATCH") && step.options().strictReconcile()) {
      throw new io.tributary.core.TributaryException(io.tributary.core.TributaryException.Kind.RECORD,
          "stream '" + step.stream().name() + "': reconciliation failed: " + reconciliation,
          "compare the source with the warehouse (records changed during the run can explain it);"
              + " set 'reconcile: warn' to load anyway", null);
    }
    step.writer().verifyCommittedRows();
    step.writer().finish();
    step.complete(watermarks, watermark.get(), host());
  }

  /**
   * Compares a platform-reported count with what this run loaded; {@link StreamProgress#NOT_RECONCILED} when the
   * platform reports none (README, "The run summary").
   */
  private String reconcile() {
    long reported = step.progress().reportedTotal();
    if (reported < 0) {
      return StreamProgress.NOT_RECONCILED;
    }
    long loaded = step.progress().written() + step.progress().quarantined();
    if (reported == loaded) {
      return "ok (" + reported + ")";
    }
    step.log("reconciliation mismatch: platform reported " + reported + ", loaded " + loaded
        + " (written + quarantined); a restart or records changing mid-run can explain a difference");
    return "MISMATCH reported " + reported + " loaded " + loaded;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
