package io.tributary.source.rest;

import io.tributary.core.Cursor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a stream's read stands, kept in the engine's cursor as plain strings: the next page ({@code url},
 * {@code token}, {@code offset} or {@code page}, whichever the paging uses), the run's cursor bounds ({@code lower},
 * {@code upper}), the greatest cursor value read so far ({@code max}), for {@code keyset} paging the last
 * (cursor value, key) read ({@code after}, {@code after_key}; the lower bound then moves with it), and for a stream
 * not sorted by its cursor the time the read started ({@code started}), which caps the watermark. Offsets and page
 * numbers are kept only because offset- and page-paged APIs offer no other position.
 */
record PageState(String url, String token, Long offset, Long page, String lower, String upper, String max,
    boolean deletions, String after, String afterKey, String started) {

  /** The first page of a run: only its bounds (and, unsorted, its start) are known. */
  static PageState first(String lower, String upper, String started) {
    return new PageState(null, null, null, null, lower, upper, null, false, null, null, started);
  }

  static PageState fromCursor(Cursor c) {
    return new PageState(c.get("url"), c.get("token"), number(c.get("offset")), number(c.get("page")),
        c.get("lower"), c.get("upper"), c.get("max"), "deleted".equals(c.get("phase")), c.get("after"),
        c.get("after_key"), c.get("started"));
  }

  /** The first page of the stream's deleted-records endpoint, after its own last page: same bounds, same max. */
  PageState deletionsFrom(String newMax) {
    return new PageState(null, null, null, null, lower, upper, newMax, true, null, null, started);
  }

  Cursor toCursor() {
    Map<String, String> m = new LinkedHashMap<>();
    put(m, "url", url);
    put(m, "token", token);
    put(m, "offset", offset == null ? null : offset.toString());
    put(m, "page", page == null ? null : page.toString());
    put(m, "lower", lower);
    put(m, "upper", upper);
    put(m, "max", max);
    put(m, "phase", deletions ? "deleted" : null);
    put(m, "after", after);
    put(m, "after_key", afterKey);
    put(m, "started", started);
    return new Cursor(m);
  }

  PageState next(String newUrl, String newToken, Long newOffset, Long newPage, String newMax) {
    return new PageState(newUrl, newToken, newOffset, newPage, lower, upper, newMax, deletions, after, afterKey,
        started);
  }

  /** The next keyset page: from {@code newLower} (the last cursor value read, as sent) after that record. */
  PageState nextAfter(String newLower, String newAfter, String newAfterKey, Long newOffset, String newMax) {
    return new PageState(null, null, newOffset, null, newLower, upper, newMax, deletions, newAfter, newAfterKey,
        started);
  }

  /**
   * This state with the query parameter {@code param} removed from its next-page URL: a platform may echo a query
   * string API key into its links, and a cursor is stored in the warehouse and the job repository.
   */
  PageState withoutParam(String param) {
    if (url == null || param == null) {
      return this;
    }
    String cleaned = url.replaceAll("([?&])" + java.util.regex.Pattern.quote(param) + "=[^&#]*&?", "$1")
        .replaceAll("[?&]$", "");
    return new PageState(cleaned, token, offset, page, lower, upper, max, deletions, after, afterKey, started);
  }

  private static void put(Map<String, String> m, String k, String v) {
    if (v != null) {
      m.put(k, v);
    }
  }

  private static Long number(String s) {
    return s == null ? null : Long.valueOf(s);
  }
}
