package io.tributary.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the engine asks a source to read for one stream in one run.
 *
 * @param stream stream name as declared in the job
 * @param options the stream's platform-specific {@code options:} block, already validated by the source's
 *     {@link Source#validateStream}
 * @param primaryKey primary key field names (source names)
 * @param cursorFields the incremental cursor fields (for example {@code updated_at}), empty for a full read
 * @param watermark the committed watermark from the previous successful run, {@link Cursor#START} for a full read
 * @param lookback how far before the watermark to start reading again, to catch late commits at the source
 * @param pageSize the preferred page size; sources clamp it to the platform's maximum
 * @param partition the bounds of one part of the stream, as returned by {@link PartitionableSource#partitions};
 *     empty to read the whole stream
 */
public record ReadRequest(
    String stream,
    Map<String, Object> options,
    List<String> primaryKey,
    List<String> cursorFields,
    Cursor watermark,
    Duration lookback,
    int pageSize,
    Map<String, String> partition) {

  public ReadRequest {
    partition = partition == null ? Map.of() : Map.copyOf(partition);
  }

  /** A request for the whole stream. */
  public ReadRequest(String stream, Map<String, Object> options, List<String> primaryKey, List<String> cursorFields,
      Cursor watermark, Duration lookback, int pageSize) {
    this(stream, options, primaryKey, cursorFields, watermark, lookback, pageSize, Map.of());
  }

  public boolean incremental() {
    return !cursorFields.isEmpty() && !watermark.isStart();
  }

  /** The same request restricted to one part of the stream. */
  public ReadRequest withPartition(Map<String, String> bounds) {
    return new ReadRequest(stream, options, primaryKey, cursorFields, watermark, lookback, pageSize, bounds);
  }
}
