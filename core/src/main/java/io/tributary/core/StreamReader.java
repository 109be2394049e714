package io.tributary.core;

/**
 * Reads one stream page by page. Created by {@link Source#open} once per step execution and used by one thread.
 *
 * <p>The engine calls {@link #read} with {@link Cursor#START} (or a cursor saved by an earlier, failed run) and then
 * with each page's {@link Page#next()} until a page is {@code done}. A reader keeps no state that matters across
 * calls: everything needed to resume must be in the cursor.
 */
public interface StreamReader extends AutoCloseable {

  Page read(Cursor cursor);

  @Override
  default void close() {}
}
