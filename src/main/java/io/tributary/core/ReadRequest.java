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
 */
public record ReadRequest(
    String stream,
    Map<String, Object> options,
    List<String> primaryKey,
    List<String> cursorFields,
    Cursor watermark,
    Duration lookback,
    int pageSize) {

  public boolean incremental() {
    return !cursorFields.isEmpty() && !watermark.isStart();
  }
}
