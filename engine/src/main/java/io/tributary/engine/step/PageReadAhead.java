package io.tributary.engine.step;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.StreamReader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs every call of one {@link StreamReader} on one dedicated thread and asks for the next page as soon as the
 * current one arrives, so the source's query or HTTP request for page k+1 runs while the step thread maps and writes
 * page k. The reader still sees one thread and calls in cursor order; a failed read surfaces when its page is taken.
 * At most two pages are in memory: the one being consumed and the one being read.
 */
final class PageReadAhead implements AutoCloseable {

  private static final long CLOSE_WAIT_SECONDS = 120;

  private final StreamReader reader;
  private final ExecutorService thread;
  private Cursor aheadCursor;
  private Future<Page> ahead;
  private int taken;
  private long longestWaitNanos;

  PageReadAhead(StreamReader reader, String stream) {
    this.reader = reader;
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "tributary-read-" + stream);
      t.setDaemon(true);
      return t;
    });
  }

  /** The page at {@code cursor}: the one read ahead if it was for this cursor, else read now. */
  Page take(Cursor cursor) {
    Future<Page> f = ahead != null && aheadCursor.equals(cursor) ? ahead : null;
    ahead = null;
    if (f == null) {
      f = thread.submit(() -> reader.read(cursor));
    }
    boolean first = taken++ == 0;
    if (first || f.isDone()) {
      return await(f);
    }
    long start = System.nanoTime();
    Page page = await(f);
    longestWaitNanos = Math.max(longestWaitNanos, System.nanoTime() - start);
    return page;
  }

  /** The longest the step thread waited for a page that was not read yet, the first page aside. */
  long longestWaitMillis() {
    return TimeUnit.NANOSECONDS.toMillis(longestWaitNanos);
  }

  /** Starts reading the page at {@code cursor} in the background. */
  void readAhead(Cursor cursor) {
    aheadCursor = cursor;
    ahead = thread.submit(() -> reader.read(cursor));
  }

  private static Page await(Future<Page> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a page", e);
    }
  }

  /** Lets a read in flight finish (its page is dropped), then closes the reader on its own thread. */
  @Override
  public void close() {
    ahead = null;
    thread.submit(reader::close);
    thread.shutdown();
    try {
      if (!thread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
