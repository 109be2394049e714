package io.tributary.engine.step;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.SourceRecord;
import io.tributary.engine.state.CursorCodec;
import java.util.Iterator;
import java.util.List;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Adapts a source's {@link StreamReader} to Spring Batch: pulls pages, hands out records one at a time, and tracks
 * the key-based position after each record. The position of the last record handed out is saved in the step
 * ExecutionContext when a chunk commits; the sink keeps the authoritative copy in the warehouse.
 */
public final class SourceItemReader implements ItemStreamReader<SourceItem> {

  static final String CURSOR_KEY = "tributary.cursor";
  public static final String WATERMARK_KEY = "tributary.watermark";

  private final StreamStepContext step;
  private PageReadAhead pages;
  private Iterator<SourceRecord> records = List.<SourceRecord>of().iterator();
  private Page page;
  private Cursor pageStart;
  private Cursor startPosition;
  private SourceItem last;
  private Cursor watermark;
  private boolean done;

  public SourceItemReader(StreamStepContext step) {
    this.step = step;
  }

  @Override
  public void open(ExecutionContext ec) {
    // The sink's copy of the position was committed with the rows, so it is the one to resume from. The
    // ExecutionContext copy can be ahead of it (kill -9 between the two commits) or stale after a replace swap.
    Cursor saved = CursorCodec.decode(ec.getString(CURSOR_KEY, null));
    startPosition = step.writer().committedPosition().orElse(Cursor.START);
    watermark = CursorCodec.decode(ec.getString(WATERMARK_KEY, null));
    last = null;
    if (step.writer().published()) {
      // killed after the warehouse committed this instance's copy and before the step completed: the step only
      // has to complete; reading on would load rows into a copy that is already published
      step.log("the warehouse already holds this run's published copy (recorded in its state); nothing to read");
      done = true;
      return;
    }
    if (!startPosition.isStart()) {
      step.log("resuming after " + step.mapper().printable(startPosition.values()));
    } else if (saved != null && !saved.isStart()) {
      step.log("the job repository has a cursor but the warehouse has none for this run: reading from the start");
    }
    pages = new PageReadAhead(step.source().open(step.readRequest()), step.stream().name());
    pageStart = startPosition;
    last = null;
    done = false;
  }

  @Override
  public SourceItem read() {
    while (!records.hasNext()) {
      if (done) {
        return null;
      }
      page = pages.take(pageStart);
      if (page.reportedTotal() >= 0 && step.progress().reportedTotal() < 0) {
        step.progress().reportedTotal(page.reportedTotal());
      }
      if (page.watermark() != null) {
        watermark = page.watermark();
      }
      done = page.done();
      records = page.records().iterator();
      if (!done && page.next() == null) {
        throw new IllegalStateException("source returned a page that is not done but has no next cursor");
      }
      if (!done) {
        pages.readAhead(page.next());
      }
      if (!records.hasNext() && !done) {
        pageStart = page.next();
      }
    }
    SourceRecord record = records.next();
    SourceItem item;
    if (!records.hasNext() && !done) {
      item = new SourceItem(record, page.next(), null);
      pageStart = page.next();
    } else {
      item = new SourceItem(record, null, pageStart);
    }
    last = item;
    step.progress().read.incrementAndGet();
    return item;
  }

  @Override
  public void update(ExecutionContext ec) {
    ec.putString(CURSOR_KEY, CursorCodec.encode(last == null ? startPosition : last.position()));
    if (watermark != null) {
      ec.putString(WATERMARK_KEY, CursorCodec.encode(watermark));
    }
  }

  /** The longest this step waited for a page of the source, its first page aside (0 before any). */
  long longestPageWaitMillis() {
    return pages == null ? 0 : pages.longestWaitMillis();
  }

  /** The high-water mark of everything read, once the stream is done; null if the source reported none. */
  public Cursor watermark() {
    return watermark;
  }

  @Override
  public void close() {
    if (pages != null) {
      pages.close();
      pages = null;
    }
  }
}
