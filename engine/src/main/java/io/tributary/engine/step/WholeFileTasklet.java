package io.tributary.engine.step;

import io.tributary.core.ChunkOutcome;
import io.tributary.core.CsvFile;
import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.core.TableWriter;
import io.tributary.core.WholeFileSource;
import io.tributary.engine.state.CursorCodec;
import io.tributary.mapping.MappedItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * A file-drop stream whose warehouse reads CSV files itself: each call, in one chunk transaction of the sink, loads
 * the next whole file with {@link TableWriter#loadCsv} (its rows, quarantine and the cursor after it commit
 * together), or, when that file cannot be handed over (a restart inside a file, JSON Lines, another encoding, a record
 * the warehouse's reader rejects), reads one page through the source's reader and writes it as the chunk step would.
 * Resumes from the warehouse's committed position, like {@link SourceItemReader}.
 */
final class WholeFileTasklet implements Tasklet, ItemStream {

  private final StreamStepContext step;
  private final WholeFileSource files;
  private final SinkItemWriter writer;
  private StreamReader pages;
  private Cursor position;
  private Cursor watermark;
  private boolean done;

  WholeFileTasklet(StreamStepContext step, WholeFileSource files, SinkItemWriter writer) {
    this.step = step;
    this.files = files;
    this.writer = writer;
  }

  @Override
  public void open(ExecutionContext ec) {
    position = step.writer().committedPosition().orElse(Cursor.START);
    watermark = CursorCodec.decode(ec.getString(SourceItemReader.WATERMARK_KEY, null));
    done = step.writer().published();
    if (done) {
      step.log("the warehouse already holds this run's published copy (recorded in its state); nothing to read");
    } else if (!position.isStart()) {
      step.log("resuming after " + step.mapper().printable(position.values()));
    }
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
    if (done) {
      return RepeatStatus.FINISHED;
    }
    Optional<CsvFile> file = files.nextWholeCsv(step.readRequest(), position);
    Optional<ChunkOutcome> whole = file.flatMap(this::loadWhole);
    if (whole.isPresent()) {
      step.progress().read.addAndGet(whole.get().written() + (long) whole.get().quarantined());
      writer.landedWhole(whole.get());
      position = file.get().after();
      watermark = file.get().after();
      step.log("loaded " + file.get().name() + " (read by the warehouse)");
      return RepeatStatus.CONTINUABLE;
    }
    return page() ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
  }

  private Optional<ChunkOutcome> loadWhole(CsvFile file) {
    return step.mapper().csvColumns(file.header()).flatMap(columns -> step.writer().loadCsv(file, columns,
        step.mapper().oddRecords(file.header())));
  }

  /** One page through the source's reader, written as a chunk; true when the stream is done. */
  private boolean page() {
    if (pages == null) {
      pages = step.source().open(step.readRequest());
    }
    Page page = pages.read(position);
    if (page.watermark() != null) {
      watermark = page.watermark();
    }
    List<SourceRecord> records = page.records();
    List<MappedItem> items = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      boolean lastOfMore = i == records.size() - 1 && !page.done();
      SourceItem item = new SourceItem(records.get(i), lastOfMore ? page.next() : null, position);
      items.add(step.mapper().mapWithPosition(item.record(), item));
    }
    step.progress().read.addAndGet(records.size());
    if (!items.isEmpty()) {
      writer.write(new Chunk<>(items));
      position = items.get(items.size() - 1).position();
    }
    if (!page.done() && page.next() == null) {
      throw new IllegalStateException("source returned a page that is not done but has no next cursor");
    }
    if (!page.done()) {
      position = page.next();
    }
    done = page.done();
    return done;
  }

  @Override
  public void update(ExecutionContext ec) {
    ec.putString(SourceItemReader.CURSOR_KEY, CursorCodec.encode(position));
    if (watermark != null) {
      ec.putString(SourceItemReader.WATERMARK_KEY, CursorCodec.encode(watermark));
    }
  }

  /** The high-water mark of everything loaded, once the stream is done; null if the source reported none. */
  Cursor watermark() {
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
