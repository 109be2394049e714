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
 * @param encoding the sink's row encoding the source may hand records in ({@link SourceRecord#encoded}), when the
 *     stream's mapping changes no value; null to read plain values only
 */
public record ReadRequest(
    String stream,
    Map<String, Object> options,
    List<String> primaryKey,
    List<String> cursorFields,
    Cursor watermark,
    Duration lookback,
    int pageSize,
    Map<String, String> partition,
    RowEncoding encoding) {

  public ReadRequest {
    partition = partition == null ? Map.of() : Map.copyOf(partition);
  }

  public ReadRequest(String stream, Map<String, Object> options, List<String> primaryKey, List<String> cursorFields,
      Cursor watermark, Duration lookback, int pageSize, Map<String, String> partition) {
    this(stream, options, primaryKey, cursorFields, watermark, lookback, pageSize, partition, null);
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
    return new ReadRequest(stream, options, primaryKey, cursorFields, watermark, lookback, pageSize, bounds,
        encoding);
  }

  /** The same request, letting the source hand records in {@code encoding} (null: plain values only). */
  public ReadRequest withEncoding(RowEncoding encoding) {
    return new ReadRequest(stream, options, primaryKey, cursorFields, watermark, lookback, pageSize, partition,
        encoding);
  }
}
