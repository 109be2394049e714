package io.tributary.source.rest;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.core.TributaryException;
import io.tributary.source.rest.RestDefinition.CursorSpec;
import io.tributary.source.rest.RestDefinition.PagingSpec;
import java.time.Clock;
import java.util.List;

/**
 * Reads one stream of a REST definition page by page. The first call fixes the run's cursor bounds (the committed
 * watermark minus the lookback, and now as the upper bound where the API takes one); every later call follows the
 * platform's paging from the state in the cursor, so a restart in a new process continues where the last committed
 * page left off. The greatest cursor value read becomes the watermark on the last page (on every page when the
 * definition says pages come in cursor order).
 */
record RestStreamReader(RestHttp http, StreamCalls calls, RecordSelector selector, ReadRequest request,
    CursorSpec cursor, CursorFormat format, Clock clock, String secretParam) implements StreamReader {

  /** @param secretParam the query parameter carrying an API key, never kept in a cursor; null when there is none */
  RestStreamReader(RestHttp http, StreamCalls calls, RecordSelector selector, ReadRequest request, CursorSpec cursor,
      Clock clock, String secretParam) {
    this(http, calls, selector, request, cursor, cursor == null ? null : CursorFormat.of(cursor.format()), clock,
        secretParam);
  }

  @Override
  public Page read(Cursor at) {
    PageState state = at.isStart() ? start() : PageState.fromCursor(at);
    PagingSpec paging = calls.paging();
    int size = paging.sizeFor(request.pageSize());
    RestHttp.Response response = http.send(calls.call(state, size));
    List<SourceRecord> records = selector.records(response.body());
    String max = state.max();
    if (cursor != null) {
      for (SourceRecord r : records) {
        String v = RecordSelector.valueAt(r.fields(), cursor.field());
        if (format.accepts(v) && (max == null || CursorFormat.ORDER.compare(v, max) > 0)) {
          max = v;
        }
      }
    }
    PageState next = PagingRules.next(paging, state, response, records.size(), size, max, http.base());
    if (next != null) {
      next = next.withoutParam(secretParam);
    }
    long total = PagingRules.total(paging, response.body());
    Page page;
    if (next == null) {
      page = Page.last(records, watermark(max));
    } else {
      page = Page.more(records, next.toCursor(), cursor != null && cursor.sorted() ? watermark(max) : null);
    }
    return total >= 0 ? page.withReportedTotal(total) : page;
  }

  private PageState start() {
    String lower = null;
    String upper = null;
    if (cursor != null) {
      if (request.incremental()) {
        String raw = request.watermark().get(cursor.field());
        if (raw == null) {
          raw = request.watermark().values().values().iterator().next();
        }
        try {
          lower = format.write(raw, request.lookback());
        } catch (IllegalStateException e) {
          throw TributaryException.config("stream '" + request.stream() + "': the saved watermark '" + raw
              + "' is not a time, but cursor.format is a time format", "run once with --full-refresh, or fix"
              + " cursor.format in the definition");
        }
      } else if (cursor.start() != null) {
        lower = cursor.start();
      }
      if (cursor.upperParam() != null) {
        upper = format.write(clock.instant());
      }
    }
    return new PageState(null, null, null, null, lower, upper, null);
  }

  /** The watermark after this run: the greatest value read, else the one it started from. */
  private Cursor watermark(String max) {
    if (cursor == null) {
      return null;
    }
    if (max != null) {
      return Cursor.of(cursor.field(), max);
    }
    return request.incremental() ? request.watermark() : null;
  }
}
