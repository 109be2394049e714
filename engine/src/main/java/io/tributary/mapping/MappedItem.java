package io.tributary.mapping;

import io.tributary.core.Cursor;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.Row;
import java.util.function.Supplier;

/**
 * The processor's output for one source record: a row for the target table, or a record for quarantine, plus the
 * position after it (what the writer records as the chunk's resume point). The position is computed only when asked:
 * the writer asks for the last item's of each chunk.
 */
public record MappedItem(Row row, QuarantinedRecord quarantined, Supplier<Cursor> positionSource) {

  public boolean isQuarantined() {
    return quarantined != null;
  }

  /** The resume point after this item's record, or null. */
  public Cursor position() {
    return positionSource == null ? null : positionSource.get();
  }
}
