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
import java.time.Duration;
import java.util.List;

/**
 * Reads one stream of a REST definition page by page. The first call fixes the run's cursor bounds (the committed
 * watermark minus the lookback, and now as the upper bound where the API takes one); every later call follows the
 * platform's paging from the state in the cursor, so a restart in a new process continues where the last committed
 * page left off. The greatest cursor value read becomes the watermark on the last page (on every page when the
 * definition says pages come in cursor order). A stream not in cursor order reads a record early that may change
 * before a later one is read: its watermark is never above the read's start less {@link #CLOCK_SKEW}, so the next
 * run asks again for what changed during this one.
 */
final class RestStreamReader implements StreamReader {

  /**
   * One endpoint a stream reads: how its requests are built and where its records are; {@code allDeleted} for a
   * deleted-records endpoint that lists deletions only (no filter).
   */
  record Endpoint(StreamCalls calls, RecordSelector selector, boolean allDeleted) {}

  /**
   * How far the platform's clock may run behind ours: an unsorted read's watermark is at most its start less this,
   * so a change stamped by the platform just before our start is read again next run, not missed.
   */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final RestHttp http;
  private final Endpoint own;
  private final Endpoint deletions;
  private final ReadRequest request;
  private final CursorSpec cursor;
  private final CursorFormat format;
  private final Clock clock;
  private final String secretParam;

  /**
   * @param deletions the stream's deleted-records endpoint, read after its own last page; null when it has none
   * @param secretParam the query parameter carrying an API key, never kept in a cursor; null when there is none
   */
  RestStreamReader(RestHttp http, Endpoint own, Endpoint deletions, ReadRequest request, CursorSpec cursor,
      Clock clock, String secretParam) {
    this.http = http;
    this.own = own;
    this.deletions = deletions;
    this.request = request;
    this.cursor = cursor;
    this.format = cursor == null ? null : CursorFormat.of(cursor.format());
    this.clock = clock;
    this.secretParam = secretParam;
  }

  @Override
  public Page read(Cursor at) {
    PageState state = at.isStart() ? start() : PageState.fromCursor(at);
    Endpoint endpoint = state.deletions() ? deletions : own;
    PagingSpec paging = endpoint.calls().paging();
    int size = paging.sizeFor(request.pageSize());
    RestHttp.Response response = http.send(endpoint.calls().call(state, size));
    List<SourceRecord> returned = endpoint.selector().records(response.body());
    boolean keyset = paging.type() == PagingSpec.Type.KEYSET && !state.deletions();
    List<SourceRecord> records = keyset ? KeysetPaging.unread(returned, state, cursor, paging) : returned;
    String max = state.max();
    if (state.deletions()) {
      records = keysOfDeleted(records, endpoint.allDeleted());
    } else if (cursor != null) {
      for (SourceRecord r : records) {
        String v = RecordSelector.valueAt(r.fields(), cursor.field());
        if (format.accepts(v) && (max == null || CursorFormat.ORDER.compare(v, max) > 0)) {
          max = v;
        }
      }
    }
    PageState next = keyset
        ? KeysetPaging.next(paging, state, response.body(), returned, records, size, max, cursor, format)
        : PagingRules.next(paging, state, response, records.size(), size, max, http.base());
    if (next != null) {
      next = next.withoutParam(secretParam);
    } else if (!state.deletions() && deletions != null) {
      next = state.deletionsFrom(max);
    }
    long total = state.deletions() ? -1 : PagingRules.total(paging, response.body());
    Page page;
    if (next == null) {
      page = Page.last(records, watermark(max, state.started()));
    } else {
      page = Page.more(records, next.toCursor(), cursor != null && cursor.sorted() ? watermark(max, null) : null);
    }
    return total >= 0 ? page.withReportedTotal(total) : page;
  }

  private PageState start() {
    String lower = null;
    String upper = null;
    String started = null;
    if (cursor != null) {
      if (!cursor.sorted() && format instanceof CursorFormat.Time) {
        started = clock.instant().minus(CLOCK_SKEW).toString();
      }
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
    return PageState.first(lower, upper, started);
  }

  /** The elements of a deleted-records page that are deletions, as key-only soft deletes of this stream. */
  private List<SourceRecord> keysOfDeleted(List<SourceRecord> elements, boolean all) {
    List<SourceRecord> out = new java.util.ArrayList<>();
    for (SourceRecord e : elements) {
      if (all || e.deleted()) {
        java.util.Map<String, Object> key = new java.util.LinkedHashMap<>();
        request.primaryKey().forEach(k -> key.put(k, e.fields().get(k)));
        out.add(SourceRecord.deleted(key, null));
      }
    }
    return out;
  }

  /**
   * The watermark after this run: the greatest value read, capped at {@code started} (an unsorted read's start less
   * the clock skew) when given, else the one it started from.
   */
  private Cursor watermark(String max, String started) {
    if (cursor == null) {
      return null;
    }
    if (max != null) {
      return Cursor.of(cursor.field(),
          started != null && CursorFormat.ORDER.compare(max, started) > 0 ? started : max);
    }
    return request.incremental() ? request.watermark() : null;
  }
}
