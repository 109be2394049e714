package io.tributary.source.dynamics;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.core.TributaryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one Dataverse table. A stream with a {@code cursor:} is change-tracked: the first run reads everything with
 * {@code Prefer: odata.track-changes} and its final page's {@code @odata.deltaLink} becomes the watermark
 * ({@code delta_link}); the next run GETs that link and gets the rows changed since, deleted ones as
 * {@code $deletedEntity} (soft deletes keyed by the primary id). {@code $filter/$orderby/$expand/$top} are never sent
 * (Dataverse rejects them while tracking). The page cursor is {@code mode} plus the server's {@code link}.
 *
 * <p>A resumed read (the first cursor it is given is not the start: a restart after a failure or a kill) follows
 * links issued before the interruption: a full read's delta link dates from its first page, a delta read's pages end
 * where that read began. Rows changed while the job was down are behind them, so a resumed tracked read that
 * reaches its final delta link follows it once more before it reports done (one extra call, usually an empty page)
 * and stores the delta link that read returns. Without it those rows would only arrive with the next run.
 */
final class DynamicsStreamReader implements StreamReader {

  static final String WATERMARK = "delta_link";
  private static final Logger log = LoggerFactory.getLogger(DynamicsStreamReader.class);

  private final DynamicsClient client;
  private final DynamicsTable table;
  private final ReadRequest request;
  private final List<String> select;
  private final boolean track;
  /** Null until the first read; then whether that read resumed mid-stream and still owes its catch-up delta read. */
  private Boolean catchUpOwed;

  DynamicsStreamReader(DynamicsClient client, DynamicsTable table, ReadRequest request, List<String> select) {
    this.client = client;
    this.table = table;
    this.request = request;
    this.select = select;
    this.track = !request.cursorFields().isEmpty();
  }

  @Override
  public Page read(Cursor cursor) {
    if (catchUpOwed == null) {
      catchUpOwed = track && !cursor.isStart();
    }
    if (cursor.isStart()) {
      String delta = track ? request.watermark().get(WATERMARK) : null;
      return delta == null ? full(client.first(table.entitySet(), select, track, request.pageSize()))
          : delta(delta, delta);
    }
    String link = cursor.get("link");
    if ("delta".equals(cursor.get("mode"))) {
      return delta(link, cursor.get("from"));
    }
    return full(client.follow(link, track, request.pageSize()));
  }

  private Page delta(String link, String from) {
    DynamicsPage page;
    try {
      page = client.follow(link, true, request.pageSize());
    } catch (TributaryException e) {
      if (!DynamicsErrors.EXPIRED_DELTA_HINT.equals(e.hint())) {
        throw e;
      }
      log.warn("dynamics365 {}: the stored delta link was refused as expired ({}); falling back to a full reload of"
          + " the table. Rows deleted since the last run are not reported as deletes by a full reload.",
          table.logicalName(), e.getMessage());
      return full(client.first(table.entitySet(), select, true, request.pageSize()));
    }
    List<SourceRecord> records = records(page);
    if (page.nextLink() != null) {
      return Page.more(records, Cursor.of("mode", "delta", "link", page.nextLink()).with("from", from), null);
    }
    // "An empty JSON response is returned if no table changes have occurred" (change tracking doc): keep the link.
    String next = page.deltaLink() != null ? page.deltaLink() : from;
    return last(records, next);
  }

  /** The final page, or, when a resumed read owes it, one more page: the delta read of what changed meanwhile. */
  private Page last(List<SourceRecord> records, String deltaLink) {
    if (Boolean.TRUE.equals(catchUpOwed) && deltaLink != null) {
      catchUpOwed = false;
      log.info("dynamics365 {}: resumed read done; following its delta link once for rows changed while the job"
          + " was down", table.logicalName());
      return Page.more(records, Cursor.of("mode", "delta", "link", deltaLink).with("from", deltaLink), null);
    }
    return Page.last(records, deltaLink == null ? null : Cursor.of(WATERMARK, deltaLink));
  }

  private Page full(DynamicsPage page) {
    List<SourceRecord> records = records(page);
    if (page.nextLink() != null) {
      return Page.more(records, Cursor.of("mode", "full", "link", page.nextLink()), null);
    }
    if (track && page.deltaLink() == null) {
      log.warn("dynamics365 {}: no @odata.deltaLink on the last page; enable change tracking on the table or remove"
          + " the stream's cursor, the next run reads everything again", table.logicalName());
    }
    return last(records, track ? page.deltaLink() : null);
  }

  private List<SourceRecord> records(DynamicsPage page) {
    List<SourceRecord> out = new ArrayList<>(page.rows().size() + page.deletedIds().size());
    page.rows().forEach(r -> out.add(SourceRecord.of(r)));
    for (String id : page.deletedIds()) {
      Map<String, Object> key = new LinkedHashMap<>();
      key.put(table.primaryId(), id);
      out.add(SourceRecord.deleted(key, null));
    }
    return out;
  }
}
