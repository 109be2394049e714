package io.tributary.core;

import java.util.List;
import java.util.Map;

/**
 * Optional: a {@link Source} that can split one stream's read into disjoint parts, so that several threads or
 * worker processes read and load it at once ({@code partitions: N} in the job, see docs/scaling.md). A source that
 * cannot split does not implement it, and the engine reads such a stream as one ordinary step.
 *
 * <p>Called by the engine on the thread that starts the stream's step (the manager), once per run of the stream,
 * before any part is read. Each part is then read through {@link Source#open} with
 * {@link ReadRequest#withPartition} on its own thread or worker, from its own resume position.
 */
public interface PartitionableSource extends Source {

  /**
   * Splits the stream into at most {@code count} disjoint parts that together cover every record the request would
   * read, including records added after the split. Each part is a small map of plain strings (bounds), stored in
   * the job repository and handed back unchanged in {@link ReadRequest#partition()}. May return fewer parts (for
   * example one, for an empty table). Throws a CONFIG {@link TributaryException} when the stream cannot be split.
   */
  List<Map<String, String>> partitions(ReadRequest request, int count);

  /**
   * The lowest of the parts' watermarks: reading the next run from it re-reads at most the records between the
   * parts' watermarks, which merge makes harmless. Returns {@link Cursor#START} when the watermarks cannot be
   * ordered safely (the next run then reads everything again).
   */
  Cursor lowestWatermark(List<Cursor> watermarks);
}
