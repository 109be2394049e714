package io.tributary.source.marketo;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.core.TributaryException;
import io.tributary.http.StreamedResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one Marketo stream as a row of date windows of at most 31 days each (bulk-extract.md, "Limits"), one export
 * per window. A page is one {@code Range} response of the window's file: at most {@code pageSize} records from the
 * cursor's byte offset on. The cursor holds the run's end ({@code until}), the window's start, the export id, the
 * byte offset after the last record read and the file's header line, so a restart polls the same export and asks for
 * the rest of its file; a download that breaks off mid-file keeps the complete records it got and the next page asks
 * from the byte after them. The watermark ({@code through}) moves when a window's file has been read to its end.
 */
record MarketoExportReader(MarketoClient client, MarketoExportJobs jobs, MarketoStreamOptions opts, ReadRequest request,
    MarketoConfig config) implements StreamReader {

  static final String THROUGH = "through";
  static final String UNTIL = "until";
  static final String WINDOW = "window_start";
  static final String EXPORT = "export_id";
  static final String OFFSET = "offset";
  static final String HEADER = "header";

  private static final Logger log = LoggerFactory.getLogger(MarketoExportReader.class);
  private static final int DOWNLOAD_ATTEMPTS = 3;

  @Override
  public Page read(Cursor cursor) {
    Cursor state = cursor.isStart() ? first() : cursor;
    Cursor mark = null;
    while (true) {
      Instant start = Instant.parse(state.get(WINDOW));
      Instant until = Instant.parse(state.get(UNTIL));
      if (start.isAfter(until)) {
        return Page.last(List.of(), mark);
      }
      Instant end = windowEnd(start, until);
      MarketoExport export = completedExport(state, start, end);
      if (!export.id().equals(state.get(EXPORT))) {
        // A new export of the window: its bytes differ from a dead one's, so no offset carries over.
        state = windowState(state.get(UNTIL), start).with(EXPORT, export.id());
      }
      long offset = Long.parseLong(state.values().getOrDefault(OFFSET, "0"));
      if (export.numberOfRecords() > 0 && offset < export.fileSize()) {
        Page page = download(state, export, offset, end, until);
        if (!page.records().isEmpty() || page.done() || page.watermark() == null) {
          return page;
        }
        state = page.next();
      } else {
        // An empty export, or a file read to its end before a restart.
        state = nextWindow(state, end);
      }
      mark = Cursor.of(THROUGH, end.toString());
    }
  }

  /** The first window of this run: from the watermark (less the lookback) or start_at, up to now or end_at. */
  private Cursor first() {
    Instant from;
    if (request.incremental() && request.watermark().get(THROUGH) != null) {
      Duration back = request.lookback() == null ? Duration.ZERO : request.lookback();
      from = Instant.parse(request.watermark().get(THROUGH)).plusSeconds(1).minus(back);
    } else {
      from = config.start();
    }
    Instant until = jobs.now();
    if (config.end() != null && config.end().isBefore(until)) {
      until = config.end();
    }
    return windowState(until.toString(), from);
  }

  /** The window's end: 31 days (max_window_days) after its start, or the run's end. Both ends are inclusive. */
  private Instant windowEnd(Instant start, Instant until) {
    Instant end = start.plus(config.window());
    return end.isAfter(until) ? until : end;
  }

  private static Cursor nextWindow(Cursor state, Instant end) {
    // Marketo datetimes have whole seconds and the filter includes both ends: the next window starts a second on.
    return windowState(state.get(UNTIL), end.plusSeconds(1));
  }

  private static Cursor windowState(String until, Instant start) {
    return Cursor.of(UNTIL, until, WINDOW, start.toString());
  }

  /** The window's export, Completed: the cursor's if it is still alive, else a new one. */
  private MarketoExport completedExport(Cursor state, Instant start, Instant end) {
    String id = state.get(EXPORT);
    if (id != null) {
      MarketoExport e = jobs.await(opts.stream(), id);
      if (e.completed()) {
        return e;
      }
      // Rows already read from the dead export come again from the new one; merge by key makes that harmless.
      log.warn("marketo export {} is {}; exporting the window {} .. {} again", id, e.status(), start, end);
    }
    MarketoExport e = jobs.await(opts.stream(), jobs.start(opts, start, end));
    if (!e.completed()) {
      throw TributaryException.transientFailure("Marketo export " + e.id() + " ended " + e.status()
          + "; run the job again: it exports the window again", null);
    }
    return e;
  }

  private Page download(Cursor state, MarketoExport export, long offset, Instant end, Instant until) {
    String header = state.get(HEADER);
    List<SourceRecord> out = new ArrayList<>();
    long at = offset;
    int pageSize = Math.max(1, request.pageSize());
    long want = rangeBytes(export, pageSize);
    for (int attempt = 1; out.isEmpty() && at < export.fileSize(); attempt++) {
      long last = Math.min(export.fileSize(), at + want) - 1;
      try (StreamedResponse r = client.file(opts.stream(), export.id(), at, last)) {
        MarketoCsvRows rows = new MarketoCsvRows(r.body());
        skipIfWhole(r, rows, at);
        if (header == null) {
          byte[] h = rows.next(export.fileSize() - at);
          if (h == null) {
            throw new IOException("the header line did not arrive whole");
          }
          header = String.join(",", MarketoCsvRows.values(h));
          at += h.length;
        }
        List<String> names = List.of(header.split(",", -1));
        Cursor base = state.with(HEADER, header);
        byte[] rec;
        while (out.size() < pageSize && (rec = rows.next(export.fileSize() - at)) != null) {
          at += rec.length;
          out.add(SourceRecord.at(fields(names, MarketoCsvRows.values(rec)), base.with(OFFSET, Long.toString(at))));
        }
        // Read the rest of the asked range (a part of a record at most, or the slack): the connection is reused.
        rows.drain();
      } catch (IOException e) {
        // A download cut off mid-file: keep the complete records, the next page asks from the byte after them.
        if (out.isEmpty() && attempt >= DOWNLOAD_ATTEMPTS) {
          throw TributaryException.transientFailure("Marketo export " + export.id() + " file broke off at byte "
              + at + " " + attempt + " times: " + e.getMessage(), e);
        }
        log.info("marketo export {} download broke off at byte {}; asking again from there with a Range request",
            export.id(), at);
      }
      // No complete record in the range: a record longer than the estimate, or a cut; ask for more.
      want *= 2;
    }
    state = header == null ? state : state.with(HEADER, header);
    if (at >= export.fileSize()) {
      Cursor next = nextWindow(state, end);
      Cursor mark = Cursor.of(THROUGH, end.toString());
      return Instant.parse(next.get(WINDOW)).isAfter(until) ? Page.last(out, mark) : Page.more(out, next, mark);
    }
    return Page.more(out, state.with(OFFSET, Long.toString(at)), null);
  }

  /**
   * The bytes one page asks for: {@code pageSize} records at the file's average record size, with a quarter more and
   * 4 KiB of slack. A bounded range is read to its end, so no response is abandoned halfway (which costs the
   * connection).
   */
  private static long rangeBytes(MarketoExport export, int pageSize) {
    long average = Math.max(1, export.fileSize() / (export.numberOfRecords() + 1));
    return (pageSize + 1) * average * 5 / 4 + 4 * 1024;
  }

  /** A server that ignores {@code Range} answers 200 with the whole file: skip what was read already. */
  private static void skipIfWhole(StreamedResponse r, MarketoCsvRows rows, long offset) throws IOException {
    if (r.status() == 206) {
      String range = r.headers().firstValue("Content-Range").orElse("");
      if (!range.isEmpty() && !range.startsWith("bytes " + offset + "-")) {
        throw new IOException("asked for bytes from " + offset + ", got " + range);
      }
      return;
    }
    long skipped = r.body().skip(offset);
    if (skipped != offset) {
      throw new IOException("the file is shorter than the saved offset " + offset);
    }
  }

  private static Map<String, Object> fields(List<String> names, List<String> values) {
    if (values.size() != names.size()) {
      throw TributaryException.transientFailure("a Marketo export record has " + values.size() + " values, the"
          + " header " + names.size() + " (a cut file?)", null);
    }
    Map<String, Object> m = new LinkedHashMap<>(names.size() * 2);
    for (int i = 0; i < names.size(); i++) {
      m.put(names.get(i), values.get(i));
    }
    return m;
  }
}
