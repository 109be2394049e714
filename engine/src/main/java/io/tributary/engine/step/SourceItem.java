package io.tributary.engine.step;

import io.tributary.core.Cursor;
import io.tributary.core.SourceRecord;
import java.util.function.Supplier;

/**
 * A record as read, with how to find the position to resume from once it has been committed: the page's next cursor
 * for a page's last record, else the record's own position, else the start of its page (the page is replayed on
 * resume, which merge by key makes harmless). Computed only when asked, which the writer does once per chunk.
 */
record SourceItem(SourceRecord record, Cursor pageEnd, Cursor pageStart) implements Supplier<Cursor> {

  Cursor position() {
    if (pageEnd != null) {
      return pageEnd;
    }
    Cursor own = record.position();
    return own != null ? own : pageStart;
  }

  @Override
  public Cursor get() {
    return position();
  }
}
