package io.tributary.source.hubspot;

import io.tributary.core.Cursor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where an incremental search stands: the time window {@code [lo, hi)} in epoch milliseconds being read, the run's
 * end, and, once a single millisecond holds more than 10,000 changes, an id range {@code [idLo, idHi)} inside it.
 *
 * <p>Search stops at 10,000 results per query, so a query whose {@code total} is larger is narrowed before it is
 * paged: first the time window is halved, and when one millisecond is still too much, that millisecond is split by
 * numeric {@code hs_object_id} ranges. Ranges are filtered with GTE/LT only, never paged by "last id seen": HubSpot
 * sorts {@code hs_object_id} as a string, so sort-then-"greater than last id" skips records. Filtered ranges tile
 * the id space with no gaps or overlaps whatever the sort order, and each query of at most 10,000 results is paged
 * completely with its {@code after} offset. After a range is done the next try is "the rest" ({@code [hi, max)});
 * if that is too big, the last width that worked, then halves.
 *
 * @param lo window start, inclusive
 * @param hi window end, exclusive
 * @param end the run's end (exclusive); the watermark once everything is read
 * @param timeHint width of the last time window that fitted, 0 for none
 * @param idLo id range start, inclusive, or -1 outside id mode
 * @param idHi id range end, exclusive
 * @param idHint width of the last id range that fitted, 0 for none
 * @param after the paging offset within the current query, or null for its first page
 */
record HubSpotSearchWindow(long lo, long hi, long end, long timeHint, long idLo, long idHi, long idHint,
    String after) {

  /** HubSpot ids are JavaScript-safe integers. */
  static final long ID_MAX = 1L << 53;

  static HubSpotSearchWindow start(long from, long end) {
    return new HubSpotSearchWindow(from, end, end, 0, -1, 0, 0, null);
  }

  boolean finished() {
    return lo >= end;
  }

  boolean byId() {
    return idLo >= 0;
  }

  HubSpotSearchWindow withAfter(String next) {
    return new HubSpotSearchWindow(lo, hi, end, timeHint, idLo, idHi, idHint, next);
  }

  /** A narrower query after one reported more than 10,000 results. */
  HubSpotSearchWindow narrow() {
    if (byId()) {
      long to = idHi == ID_MAX && idHint > 0 && idLo + idHint < ID_MAX ? idLo + idHint : idLo + (idHi - idLo) / 2;
      if (to <= idLo) {
        throw new IllegalStateException("one hs_object_id matched more than 10,000 results");
      }
      return new HubSpotSearchWindow(lo, hi, end, timeHint, idLo, to, idHint, null);
    }
    if (hi - lo > 1) {
      long to = hi == end && timeHint > 0 && lo + timeHint < end ? lo + timeHint : lo + (hi - lo) / 2;
      return new HubSpotSearchWindow(lo, to, end, timeHint, -1, 0, 0, null);
    }
    // One millisecond holds more than 10,000 changes: time cannot be split further, so split by id.
    return new HubSpotSearchWindow(lo, hi, end, timeHint, 0, ID_MAX / 2, 0, null);
  }

  /** The query after the current one was read to its last page. */
  HubSpotSearchWindow advance() {
    if (byId() && idHi < ID_MAX) {
      return new HubSpotSearchWindow(lo, hi, end, timeHint, idHi, ID_MAX, idHi - idLo, null);
    }
    long width = byId() ? timeHint : hi - lo;
    return new HubSpotSearchWindow(hi, end, end, width, -1, 0, 0, null);
  }

  /**
   * The same query from its start, after its result set changed while it was paged (a row read earlier was modified
   * or archived and left it, so every later offset moved): a time window restarts at {@code seen}, the stamp of the
   * last row read (rows sort by stamp, so every row before it was read); an id range, sorted by id as text, restarts
   * whole. The caller drops the rows it has already read.
   */
  HubSpotSearchWindow restarted(long seen) {
    long from = !byId() && seen > lo && seen < hi ? seen : lo;
    return new HubSpotSearchWindow(from, hi, end, timeHint, idLo, idHi, idHint, null);
  }

  /**
   * The window a resumed run continues with, so changes made while the run was down arrive in this run. The end
   * moves to {@code newEnd} (and the current window's upper bound with it when that window runs to the end and is not
   * an id split, whose ranges tile only their own time window). A query that was being paged restarts: search pages
   * by offset, and rows changed during the downtime left its result set, so an old offset would skip rows. A time
   * window restarts at {@code seen}, the stamp of the last row read (rows sort by stamp, so nothing before it is
   * unread); the rows sharing that stamp are read again, which merge by key makes harmless.
   */
  HubSpotSearchWindow reopened(long newEnd, long seen) {
    long from = lo;
    if (after != null && !byId() && seen > lo && seen < hi) {
      from = seen;
    }
    long to = Math.max(end, newEnd);
    long upper = !byId() && hi == end ? to : hi;
    return new HubSpotSearchWindow(from, upper, to, timeHint, idLo, idHi, idHint, null);
  }

  Cursor toCursor() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("lo", Long.toString(lo));
    m.put("hi", Long.toString(hi));
    m.put("end", Long.toString(end));
    m.put("tw", Long.toString(timeHint));
    if (byId()) {
      m.put("idlo", Long.toString(idLo));
      m.put("idhi", Long.toString(idHi));
      m.put("iw", Long.toString(idHint));
    }
    if (after != null) {
      m.put("after", after);
    }
    return new Cursor(m);
  }

  static HubSpotSearchWindow fromCursor(Cursor c) {
    return new HubSpotSearchWindow(num(c, "lo", 0), num(c, "hi", 0), num(c, "end", 0), num(c, "tw", 0),
        num(c, "idlo", -1), num(c, "idhi", 0), num(c, "iw", 0), c.get("after"));
  }

  private static long num(Cursor c, String key, long fallback) {
    String v = c.get(key);
    return v == null ? fallback : Long.parseLong(v);
  }
}
