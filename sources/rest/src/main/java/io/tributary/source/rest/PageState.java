package io.tributary.source.rest;

import io.tributary.core.Cursor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a stream's read stands, kept in the engine's cursor as plain strings: the next page ({@code url},
 * {@code token}, {@code offset} or {@code page}, whichever the paging uses), the run's fixed cursor bounds
 * ({@code lower}, {@code upper}) and the greatest cursor value read so far ({@code max}). Offsets and page numbers are
 * kept only because offset- and page-paged APIs offer no other position; the bounds fixed at the run's start keep
 * the result set stable across a restart.
 */
record PageState(String url, String token, Long offset, Long page, String lower, String upper, String max,
    boolean deletions) {

  /** The first page of a run: only its bounds are known. */
  static PageState first(String lower, String upper) {
    return new PageState(null, null, null, null, lower, upper, null, false);
  }

  static PageState fromCursor(Cursor c) {
    return new PageState(c.get("url"), c.get("token"), number(c.get("offset")), number(c.get("page")),
        c.get("lower"), c.get("upper"), c.get("max"), "deleted".equals(c.get("phase")));
  }

  /** The first page of the stream's deleted-records endpoint, after its own last page: same bounds, same max. */
  PageState deletionsFrom(String newMax) {
    return new PageState(null, null, null, null, lower, upper, newMax, true);
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
    return new Cursor(m);
  }

  PageState next(String newUrl, String newToken, Long newOffset, Long newPage, String newMax) {
    return new PageState(newUrl, newToken, newOffset, newPage, lower, upper, newMax, deletions);
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
    return new PageState(cleaned, token, offset, page, lower, upper, max, deletions);
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
