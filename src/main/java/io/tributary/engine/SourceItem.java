package io.tributary.engine;

import io.tributary.core.Cursor;
import io.tributary.core.SourceRecord;

/** A record as read, with the position to resume from once it has been committed. */
record SourceItem(SourceRecord record, Cursor position) {}
