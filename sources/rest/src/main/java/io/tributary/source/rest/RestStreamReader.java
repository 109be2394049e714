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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  /** The result's total at its first page, in the cursor of offset- and page-paged reads whose API reports one. */
  static final String TOTAL = "total";
  /** Times one read starts its result again before it stops as transient (the next run resumes). */
  static final int MAX_RESTARTS = 20;
  private static final Logger log = LoggerFactory.getLogger(RestStreamReader.class);

  private final RestHttp http;
  private final Endpoint own;
  private final Endpoint deletions;
  private final ReadRequest request;
  private final CursorSpec cursor;
  private final CursorFormat format;
  private final Clock clock;
  private final String secretParam;
  /** Keys this reader returned, for offset and page paging with a total: left out when the result is read again. */
  private final Set<String> returnedKeys = new HashSet<>();
  private boolean firstCall = true;

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
    boolean counted = !state.deletions() && paging.total() != null && !request.primaryKey().isEmpty()
        && (paging.type() == PagingSpec.Type.OFFSET || paging.type() == PagingSpec.Type.PAGE);
    // a resumed read has no memory of what it returned: it goes on from its position, as before
    long firstTotal = !counted || firstCall || at.get(TOTAL) == null ? -1 : Long.parseLong(at.get(TOTAL));
    firstCall = false;
    RestHttp.Response response = http.send(endpoint.calls().call(state, size));
    int restarts = 0;
    while (counted && firstTotal >= 0 && PagingRules.total(paging, response.body()) != firstTotal) {
      // Rows left or joined the result since its first page, so every later offset moved: read it again from the
      // first page, leaving out what this reader already returned.
      if (++restarts > MAX_RESTARTS) {
        throw TributaryException.transientFailure("stream " + request.stream() + ": the result changed "
            + MAX_RESTARTS + " times while it was paged", null);
      }
      log.info("stream {}: the result's total went from {} to {} while it was paged; reading it again from its"
          + " first page", request.stream(), firstTotal, PagingRules.total(paging, response.body()));
      state = state.next(null, null, null, null, state.max());
      firstTotal = -1;
      response = http.send(endpoint.calls().call(state, size));
    }
    List<SourceRecord> returned = endpoint.selector().records(response.body());
    boolean keyset = paging.type() == PagingSpec.Type.KEYSET && !state.deletions();
    List<SourceRecord> records = keyset ? KeysetPaging.unread(returned, state, cursor, paging) : returned;
    int pageCount = records.size();
    if (counted) {
      records = records.stream().filter(r -> returnedKeys.add(keyOf(r))).toList();
    }
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
        : PagingRules.next(paging, state, response, counted ? pageCount : records.size(), size, max, http.base());
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
      Cursor c = next.toCursor();
      if (counted && !next.deletions() && total >= 0) {
        c = c.with(TOTAL, Long.toString(firstTotal >= 0 ? firstTotal : total));
      }
      page = Page.more(records, c, cursor != null && cursor.sorted() ? watermark(max, null) : null);
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

  /** The record's primary key values, joined: what tells a record read again from one not read yet. */
  private String keyOf(SourceRecord r) {
    StringBuilder k = new StringBuilder();
    for (String field : request.primaryKey()) {
      k.append(RecordSelector.valueAt(r.fields(), field)).append('\u0000');
    }
    return k.toString();
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
