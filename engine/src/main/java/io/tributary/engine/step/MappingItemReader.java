package io.tributary.engine.step;

import io.tributary.mapping.MappedItem;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The chunk step's reader: each source record mapped as it is read, and its row offered to the sink's writer at once
 * ({@link io.tributary.core.TableWriter#offer}). Spring Batch reads a whole chunk, then processes it, then writes it,
 * all in the chunk transaction; mapping at the read lets the warehouse load the chunk while the step thread is still
 * reading it, instead of idling until the write.
 *
 * <p>That pays only while the source keeps up, and a warehouse load under way holds the chunk's transaction and locks
 * open (a PostgreSQL COPY takes its table's lock at the first row). So once the step has waited longer than
 * {@link #SLOW_PAGE_MILLIS} for a page of the source (its first page aside), a slow database query or an HTTP API, its
 * rows are no longer offered: each chunk is then loaded at its write, as without offers, and no load stays open across
 * the source's waits (429 back-offs, polling) after that first one.
 */
final class MappingItemReader implements ItemStreamReader<MappedItem> {

  /** The longest wait for a page after which rows are no longer offered while chunks are read. */
  static final long SLOW_PAGE_MILLIS = 100;

  private final SourceItemReader records;
  private final StreamStepContext step;
  private boolean offering;

  MappingItemReader(SourceItemReader records, StreamStepContext step) {
    this.records = records;
    this.step = step;
  }

  @Override
  public MappedItem read() {
    SourceItem item = records.read();
    if (item == null) {
      return null;
    }
    if (offering && records.longestPageWaitMillis() > SLOW_PAGE_MILLIS) {
      offering = false;
      step.log("waited " + records.longestPageWaitMillis() + " ms for a page of the source: chunks are loaded at"
          + " their write from here on, not while they are read");
    }
    MappedItem mapped = step.map(item);
    if (offering && !mapped.isQuarantined()) {
      step.writer().offer(mapped.row());
    }
    return mapped;
  }

  @Override
  public void open(ExecutionContext ec) {
    records.open(ec);
    offering = true;
  }

  @Override
  public void update(ExecutionContext ec) {
    records.update(ec);
  }

  @Override
  public void close() {
    records.close();
  }
}
