package io.tributary.source.hubspot;

import io.tributary.core.Cursor;
import io.tributary.core.TributaryException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one search query of an incremental window: narrows the window while its {@code total} exceeds the 10,000
 * results a query can page (CRM search guide, "Limits"), then reads one page of 200.
 *
 * <p>Search pages by offset. A row read on an earlier page that is modified or archived while the query is paged
 * leaves its result set (its new stamp is past the window), and every later row moves one place up: the row at the
 * next page's first offset would be skipped, and its stamp is older than the watermark this run ends with. So each
 * page's {@code total} is compared with the query's total at its first page; when it differs, the page is dropped and
 * the query restarts ({@link HubSpotSearchWindow#restarted}), and the rows this reader already returned from the
 * window are left out of what it reads again. A row leaving while another enters (a change older than the index lag
 * becoming searchable) keeps the total and is not seen; the index lag exists to make that rare.
 */
final class HubSpotWindowSearch {

  private static final Logger log = LoggerFactory.getLogger(HubSpotWindowSearch.class);

  /** Search pages past 10,000 results answer 400, so a query must match at most this many. */
  static final long MAX_RESULTS = 10_000;
  /** The search query's {@code total} at its first page, in a cursor inside the query. */
  static final String TOTAL = "total";
  /** Restarts of one window before the read stops as transient (the next run resumes from its cursor). */
  static final int MAX_RESTARTS = 20;

  /**
   * One page of hits and where the window goes next.
   *
   * @param hits the page's objects
   * @param next the window after this page
   * @param seen the latest modification stamp on the page (epoch ms), or -1; cursors keep it for a resume
   * @param total the current query's {@code total} at its first page, for the next page to compare with
   */
  record Step(List<Map<String, Object>> hits, HubSpotSearchWindow next, long seen, long total) {

    /** The search cursor after this page: the next window, and inside a query its last stamp and first total. */
    Cursor cursor() {
      Cursor c = next.toCursor().with("mode", "search");
      return seen >= 0 && next.after() != null
          ? c.with(HubSpotReopen.SEEN, Long.toString(seen)).with(TOTAL, Long.toString(total)) : c;
    }
  }

  private final HubSpotClient client;
  private final String object;
  private final String modified;
  /** Ids this reader returned from the window being read; cleared when the read moves to the next window. */
  private final Set<String> returned = new HashSet<>();
  private long windowLo = Long.MIN_VALUE;
  private long windowHi = Long.MIN_VALUE;

  HubSpotWindowSearch(HubSpotClient client, String object) {
    this.client = client;
    this.object = object;
    this.modified = HubSpotObjects.modifiedProperty(object);
  }

  String modifiedProperty() {
    return modified;
  }

  /** The next page after a search cursor. */
  Step next(Cursor c, List<String> properties) {
    return next(HubSpotSearchWindow.fromCursor(c), number(c, HubSpotReopen.SEEN), number(c, TOTAL), properties);
  }

  private static long number(Cursor c, String key) {
    String v = c.get(key);
    return v == null ? -1 : Long.parseLong(v);
  }

  /**
   * The next page of {@code window}.
   *
   * @param seen the stamp of the last row read from this query, or -1
   * @param total the query's total at its first page, or -1 on a first page (or a resumed cursor without it)
   */
  Step next(HubSpotSearchWindow window, long seen, long total, List<String> properties) {
    HubSpotSearchWindow w = window;
    long first = total;
    int restarts = 0;
    while (!w.finished()) {
      if (w.lo() != windowLo && w.hi() != windowHi) {
        // the next time window (a narrowing keeps lo, a restart keeps hi): nothing of it was returned yet
        returned.clear();
      }
      windowLo = w.lo();
      windowHi = w.hi();
      HubSpotPage page = client.search(object, HubSpotSearchBody.build(client.json(), modified, w, properties));
      if (w.after() == null && page.total() > MAX_RESULTS) {
        w = w.narrow();
        continue;
      }
      if (w.after() != null && first >= 0 && page.total() != first) {
        if (++restarts > MAX_RESTARTS) {
          throw TributaryException.transientFailure("hubspot " + object + ": search results changed " + MAX_RESTARTS
              + " times while one window was paged (total " + first + ", now " + page.total() + ")", null);
        }
        log.info("hubspot {}: search total went from {} to {} while paging [{}, {}): rows changed, restarting the"
            + " query at {}", object, first, page.total(), w.lo(), w.hi(), Math.max(seen, w.lo()));
        w = w.restarted(seen);
        first = -1;
        continue;
      }
      HubSpotSearchWindow next = page.after() != null ? w.withAfter(page.after()) : w.advance();
      List<Map<String, Object>> fresh = new ArrayList<>(page.records().size());
      for (Map<String, Object> hit : page.records()) {
        if (returned.add(String.valueOf(hit.get("id")))) {
          fresh.add(hit);
        }
      }
      return new Step(fresh, next, Math.max(seen, latest(page.records())),
          w.after() == null ? page.total() : first);
    }
    return new Step(List.of(), w, -1, -1);
  }

  /** The modification stamp of the newest hit: its stamp property when requested, else its {@code updatedAt}. */
  private long latest(List<Map<String, Object>> hits) {
    long max = -1;
    for (Map<String, Object> h : hits) {
      Object v = h.get(modified) != null ? h.get(modified) : h.get("updatedAt");
      if (v != null) {
        try {
          max = Math.max(max, Instant.parse(v.toString()).toEpochMilli());
        } catch (DateTimeParseException e) {
          // A malformed stamp only costs a wider re-read on resume; the record itself goes to quarantine.
        }
      }
    }
    return max;
  }
}
