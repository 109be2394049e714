package io.tributary.source.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.SourceRecord;
import io.tributary.source.rest.RestDefinition.CursorSpec;
import io.tributary.source.rest.RestDefinition.PagingSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code keyset} paging over results ordered by (cursor field, key): each next page asks again with offset 0 from the
 * last (cursor value, key) read, so a row that is modified during the run and moves to the end of the order cannot
 * shift an unread row past a page boundary, as it does with offsets. The lower bound ({@code cursor.lower}) becomes
 * the last cursor value read, {@code page.after_key} the last key. A definition whose filter can say
 * {@code > value OR (= value AND key > after_key)} gets exactly the unread rows; one that can only say
 * {@code >= value} gets the rows at that value again, and they are dropped here. When a whole page holds nothing but
 * rows already read (more rows share one value than a page holds and the API cannot filter on the key), the next
 * request keeps the position and raises the offset past them. Created per stream read; not shared between threads.
 */
final class KeysetPaging {

  private KeysetPaging() {}

  /** The records of a page that come after the position already read: all of them on a run's first page. */
  static List<SourceRecord> unread(List<SourceRecord> page, PageState state, CursorSpec cursor, PagingSpec p) {
    if (state.after() == null) {
      return page;
    }
    // The page is in the API's order, so whatever precedes a record already read was read too; that also catches a
    // record whose cursor value came back garbled (to be quarantined), which has no position of its own.
    int lastRead = -1;
    for (int i = 0; i < page.size(); i++) {
      if (atOrBefore(page.get(i), state.after(), state.afterKey(), cursor, p)) {
        lastRead = i;
      }
    }
    List<SourceRecord> out = new ArrayList<>(page.size());
    for (int i = lastRead + 1; i < page.size(); i++) {
      SourceRecord r = page.get(i);
      boolean lastAgain = out.isEmpty() && position(r, cursor, p) == null && state.afterKey().equals(key(r, p));
      if (!lastAgain) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * The state that reads the next page, or null after the last one: an empty page, {@code has_more} false, a next-page
   * pointer ({@code next_url}) absent, or a short page.
   *
   * @param returned the records the API returned; {@code unread} those of them not read before
   */
  static PageState next(PagingSpec p, PageState state, JsonNode body, List<SourceRecord> returned,
      List<SourceRecord> unread, int size, String max, CursorSpec cursor, CursorFormat format) {
    if (returned.isEmpty() || returned.size() < size) {
      return null;
    }
    if (p.hasMore() != null && !body.at(p.hasMore()).isMissingNode() && !body.at(p.hasMore()).asBoolean()) {
      return null;
    }
    if (p.nextUrl() != null && (body.at(p.nextUrl()).isMissingNode() || body.at(p.nextUrl()).isNull())) {
      return null;
    }
    SourceRecord last = null;
    for (SourceRecord r : unread) {
      if (position(r, cursor, p) != null && (last == null || !atOrBefore(r, value(last, cursor),
          key(last, p), cursor, p))) {
        last = r;
      }
    }
    if (last == null) {
      long offset = state.offset() == null ? 0 : state.offset();
      return state.nextAfter(state.lower(), state.after(), state.afterKey(), offset + returned.size(), max);
    }
    String after = value(last, cursor);
    return state.nextAfter(format.write(after, Duration.ZERO), after, key(last, p), 0L, max);
  }

  /** Whether a record sorts at or before (after, afterKey); a record without a readable position never does. */
  private static boolean atOrBefore(SourceRecord r, String after, String afterKey, CursorSpec cursor, PagingSpec p) {
    String[] at = position(r, cursor, p);
    if (at == null) {
      return false;
    }
    int byValue = CursorFormat.ORDER.compare(at[0], after);
    return byValue < 0 || byValue == 0 && compareKeys(at[1], afterKey) <= 0;
  }

  private static String[] position(SourceRecord r, CursorSpec cursor, PagingSpec p) {
    String v = value(r, cursor);
    String k = key(r, p);
    return v == null || k == null || CursorFormat.instant(v) == null && !isNumber(v) ? null : new String[] {v, k};
  }

  private static String value(SourceRecord r, CursorSpec cursor) {
    return RecordSelector.valueAt(r.fields(), cursor.field());
  }

  private static String key(SourceRecord r, PagingSpec p) {
    return RecordSelector.valueAt(r.fields(), p.key());
  }

  /** Keys compare as numbers when both are numbers (ChurnZero's Id), else as text (Gainsight's GSID). */
  private static int compareKeys(String a, String b) {
    if (isNumber(a) && isNumber(b)) {
      return new BigDecimal(a).compareTo(new BigDecimal(b));
    }
    return a.compareTo(b);
  }

  private static boolean isNumber(String s) {
    return s != null && s.matches("-?\\d+(\\.\\d+)?");
  }
}
