package io.tributary.core;

import java.util.List;

/**
 * One page read from a source.
 *
 * @param records the records of this page, possibly empty
 * @param next the cursor that reads the page after this one; ignored when {@code done}
 * @param watermark the high-water mark covering every record read so far in read order (null when this page does not
 *     move it). The engine keeps the last non-null one and stores it as the stream's watermark once the load commits,
 *     so sources must read in watermark order or emit it only on the final page (as a delta link).
 * @param done true when the stream has no more pages for this run
 * @param reportedTotal the record count the platform reports for the whole query, or -1 when it reports none
 */
public record Page(List<SourceRecord> records, Cursor next, Cursor watermark, boolean done, long reportedTotal) {

  public Page {
    records = List.copyOf(records);
  }

  public static Page last(List<SourceRecord> records, Cursor watermark) {
    return new Page(records, null, watermark, true, -1);
  }

  public static Page more(List<SourceRecord> records, Cursor next, Cursor watermark) {
    return new Page(records, next, watermark, false, -1);
  }

  public Page withReportedTotal(long total) {
    return new Page(records, next, watermark, done, total);
  }
}
