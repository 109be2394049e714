package io.tributary.engine.step;

import io.tributary.mapping.MappedItem;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The chunk step's reader: each source record mapped as it is read, and its row offered to the sink's writer at once
 * ({@link io.tributary.core.TableWriter#offer}). Spring Batch reads a whole chunk, then processes it, then writes it,
 * all in the chunk transaction; mapping at the read lets the warehouse load the chunk while the step thread is still
 * reading it, instead of idling until the write.
 */
final class MappingItemReader implements ItemStreamReader<MappedItem> {

  private final SourceItemReader records;
  private final StreamStepContext step;

  MappingItemReader(SourceItemReader records, StreamStepContext step) {
    this.records = records;
    this.step = step;
  }

  @Override
  public MappedItem read() {
    SourceItem item = records.read();
    return item == null ? null : step.map(item);
  }

  @Override
  public void open(ExecutionContext ec) {
    records.open(ec);
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
