package io.tributary.engine.step;

import java.util.concurrent.atomic.AtomicLong;

/** Live counters of one stream in one run, read by the progress printer and the summary. Thread-safe. */
public final class StreamProgress {

  public enum State { WAITING, RUNNING, DONE, FAILED }

  /**
   * The reconciliation of a stream whose platform reports no count of what a read returns (HubSpot, Dynamics, files,
   * JDBC): there is nothing to compare the loaded rows with.
   */
  public static final String NOT_RECONCILED = "n/a (no count from the platform)";

  private final String stream;
  private final String mode;
  final AtomicLong read = new AtomicLong();
  final AtomicLong written = new AtomicLong();
  final AtomicLong quarantined = new AtomicLong();
  final AtomicLong chunks = new AtomicLong();
  private volatile long reportedTotal = -1;
  private volatile long startNanos;
  private volatile long endNanos;
  private volatile State state = State.WAITING;
  private volatile String watermark;
  private volatile String reconciliation = "";

  public StreamProgress(String stream, String mode) {
    this.stream = stream;
    this.mode = mode;
  }

  void start() {
    startNanos = System.nanoTime();
    state = State.RUNNING;
  }

  public void end(State finalState) {
    endNanos = System.nanoTime();
    state = finalState;
  }

  /**
   * Sets the counters at once, for a stream whose partitions ran in worker processes: this process knows what they
   * read and landed only through the job repository.
   */
  public void counted(long readCount, long writtenCount, long quarantinedCount) {
    read.set(readCount);
    written.set(writtenCount);
    quarantined.set(quarantinedCount);
  }

  public String stream() {
    return stream;
  }

  public String mode() {
    return mode;
  }

  public long read() {
    return read.get();
  }

  public long written() {
    return written.get();
  }

  public long quarantined() {
    return quarantined.get();
  }

  /** Chunks committed in this run (a chunk is one warehouse transaction). */
  public long chunks() {
    return chunks.get();
  }

  public long reportedTotal() {
    return reportedTotal;
  }

  void reportedTotal(long total) {
    this.reportedTotal = total;
  }

  public State state() {
    return state;
  }

  public String watermark() {
    return watermark;
  }

  void watermark(String w) {
    this.watermark = w;
  }

  public String reconciliation() {
    return reconciliation;
  }

  void reconciliation(String r) {
    this.reconciliation = r;
  }

  public double seconds() {
    if (startNanos == 0) {
      return 0;
    }
    long end = endNanos == 0 ? System.nanoTime() : endNanos;
    return (end - startNanos) / 1e9;
  }

  public long rowsPerSecond() {
    double s = seconds();
    return s <= 0 ? 0 : Math.round((written() + quarantined()) / s);
  }
}
