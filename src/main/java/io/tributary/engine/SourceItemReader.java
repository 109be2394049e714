package io.tributary.engine;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import java.util.Iterator;
import java.util.List;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Adapts a source's {@link StreamReader} to Spring Batch: pulls pages, hands out records one at a time, and tracks
 * the key-based position after each record. The position of the last record handed out is saved in the step
 * ExecutionContext when a chunk commits; the sink keeps the authoritative copy in the warehouse.
 */
final class SourceItemReader implements ItemStreamReader<SourceItem> {

  static final String CURSOR_KEY = "tributary.cursor";
  static final String WATERMARK_KEY = "tributary.watermark";

  private final StreamStepContext step;
  private StreamReader reader;
  private Iterator<SourceRecord> records = List.<SourceRecord>of().iterator();
  private Page page;
  private Cursor pageStart;
  private Cursor lastPosition;
  private Cursor watermark;
  private boolean done;

  SourceItemReader(StreamStepContext step) {
    this.step = step;
  }

  @Override
  public void open(ExecutionContext ec) {
    // The sink's copy of the position was committed with the rows, so it is the one to resume from. The
    // ExecutionContext copy can be ahead of it (kill -9 between the two commits) or stale after a replace swap.
    Cursor saved = CursorCodec.decode(ec.getString(CURSOR_KEY, null));
    lastPosition = step.writer().committedPosition().orElse(Cursor.START);
    watermark = CursorCodec.decode(ec.getString(WATERMARK_KEY, null));
    if (!lastPosition.isStart()) {
      step.log("resuming after " + lastPosition.values());
    } else if (saved != null && !saved.isStart()) {
      step.log("the job repository has a cursor but the warehouse has none for this run: reading from the start");
    }
    reader = step.source().open(step.readRequest());
    pageStart = lastPosition;
    done = false;
  }

  @Override
  public SourceItem read() {
    while (!records.hasNext()) {
      if (done) {
        return null;
      }
      page = reader.read(pageStart);
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
      if (!records.hasNext() && !done) {
        pageStart = page.next();
      }
    }
    SourceRecord record = records.next();
    Cursor position;
    if (!records.hasNext() && !done) {
      position = page.next();
      pageStart = page.next();
    } else if (record.position() != null) {
      position = record.position();
    } else {
      // No record-level key: resuming replays this page from its start; merge by key makes that harmless.
      position = pageStart;
    }
    lastPosition = position;
    step.progress().read.incrementAndGet();
    return new SourceItem(record, position);
  }

  @Override
  public void update(ExecutionContext ec) {
    ec.putString(CURSOR_KEY, CursorCodec.encode(lastPosition));
    if (watermark != null) {
      ec.putString(WATERMARK_KEY, CursorCodec.encode(watermark));
    }
  }

  /** The high-water mark of everything read, once the stream is done; null if the source reported none. */
  Cursor watermark() {
    return watermark;
  }


  @Override
  public void close() {
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }
}
