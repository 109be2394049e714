package io.tributary.mapping;

import io.tributary.core.Cursor;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.Row;

/**
 * The processor's output for one source record: a row for the target table, or a record for quarantine, plus the
 * position after it (what the writer records as the chunk's resume point).
 */
public record MappedItem(Row row, QuarantinedRecord quarantined, Cursor position) {

  public boolean isQuarantined() {
    return quarantined != null;
  }
}
