package io.tributary.engine.step;

import io.tributary.core.ChunkOutcome;
import io.tributary.core.Cursor;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.Row;
import io.tributary.core.SystemTables;
import io.tributary.core.TributaryException;
import io.tributary.mapping.MappedItem;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Hands each chunk to the sink's {@link io.tributary.core.TableWriter} inside the chunk transaction: good rows,
 * quarantined records and the chunk's resume position together. Enforces the skip limit before anything of an
 * over-limit chunk is written.
 */
public final class SinkItemWriter implements ItemStreamWriter<MappedItem> {

  static final String QUARANTINED_KEY = "tributary.quarantined";
  /** What this step execution landed, for a partition manager in another process (it sees only the repository). */
  public static final String RUN_WRITTEN_KEY = "tributary.run.written";
  public static final String RUN_QUARANTINED_KEY = "tributary.run.quarantined";
  private static final int REASONS_KEPT = 5;

  private final StreamStepContext step;
  private final List<String> firstReasons = new ArrayList<>();
  private long quarantinedSoFar;
  private long writtenThisRun;
  private long quarantinedThisRun;

  SinkItemWriter(StreamStepContext step) {
    this.step = step;
  }

  @Override
  public void open(ExecutionContext ec) {
    quarantinedSoFar = ec.getLong(QUARANTINED_KEY, 0L);
    writtenThisRun = 0;
    quarantinedThisRun = 0;
  }

  @Override
  public void write(Chunk<? extends MappedItem> chunk) {
    List<Row> rows = new ArrayList<>(chunk.size());
    List<QuarantinedRecord> bad = new ArrayList<>();
    MappedItem last = null;
    for (MappedItem item : chunk) {
      if (item.isQuarantined()) {
        bad.add(item.quarantined());
        if (firstReasons.size() < REASONS_KEPT) {
          firstReasons.add(describe(item.quarantined()));
        }
      } else {
        rows.add(item.row());
      }
      last = item;
    }
    Cursor position = last == null ? null : last.position();
    requireWithinSkipLimit(bad.size());
    // counted as landed: the sink may refuse rows itself (a value the warehouse cannot store) and quarantine them
    count(step.writer().load(rows, bad, position));
  }

  /** Fails before anything of a chunk lands when its quarantined records would pass the skip limit. */
  private void requireWithinSkipLimit(long more) {
    long limit = step.options().skipLimit();
    if (quarantinedSoFar + more > limit) {
      throw new TributaryException(TributaryException.Kind.RECORD,
          "stream '" + step.stream().name() + "': " + (quarantinedSoFar + more)
              + " records failed mapping or validation, more than skip_limit " + limit + ". First reasons:\n    "
              + (firstReasons.isEmpty() ? "(see " + SystemTables.QUARANTINE + ")" : String.join("\n    ",
                  firstReasons)),
          "fix the source data or the stream's fields rules, or raise skip_limit in the job file;"
              + " quarantined records are in " + SystemTables.QUARANTINE,
          null);
    }
  }

  /**
   * Counts a chunk loaded in the current chunk transaction other than through {@link #write} (a whole file the
   * warehouse read itself); fails it, so it rolls back, when its quarantine passes the skip limit.
   */
  void landedWhole(ChunkOutcome landed) {
    requireWithinSkipLimit(landed.quarantined());
    count(landed);
  }

  private void count(ChunkOutcome landed) {
    quarantinedSoFar += landed.quarantined();
    // a chunk that fails here fails the step, so these never hold a rolled-back chunk of a completed step
    writtenThisRun += landed.written();
    quarantinedThisRun += landed.quarantined();
    countOnCommit(landed.written(), landed.quarantined());
  }

  /** The progress counters show committed rows only: a rolled-back chunk never counts. */
  private void countOnCommit(int written, int quarantined) {
    Runnable count = () -> {
      step.progress().written.addAndGet(written);
      step.progress().quarantined.addAndGet(quarantined);
      step.progress().chunks.incrementAndGet();
    };
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      count.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        count.run();
      }
    });
  }

  private static String describe(QuarantinedRecord q) {
    return (q.sourceKey() == null ? "" : "key " + q.sourceKey() + ": ") + String.join("; ", q.reasons());
  }

  @Override
  public void update(ExecutionContext ec) {
    ec.putLong(QUARANTINED_KEY, quarantinedSoFar);
    ec.putLong(RUN_WRITTEN_KEY, writtenThisRun);
    ec.putLong(RUN_QUARANTINED_KEY, quarantinedThisRun);
  }
}
