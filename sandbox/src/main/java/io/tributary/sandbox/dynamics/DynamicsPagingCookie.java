package io.tributary.sandbox.dynamics;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's {@code $skiptoken}: the shape of the Web API paging cookie in fixture
 * doc_paging_maxpagesize_response.http ({@code <cookie pagenumber="2" pagingcookie="%3ccookie page..." istracking=.. />},
 * percent-encoded), whose inner cookie carries the simulator's own resume keys as attributes.
 */
final class DynamicsPagingCookie {

  private static final Pattern ATTR = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private DynamicsPagingCookie() {}

  /** The decoded {@code $skiptoken} value for page {@code page} with the given resume keys. */
  static String encode(int page, String primaryId, Map<String, String> keys, boolean tracking) {
    StringBuilder inner = new StringBuilder("<cookie page=\"" + (page - 1) + "\"><" + primaryId);
    keys.forEach((k, v) -> inner.append(' ').append(k).append("=\"").append(v).append('"'));
    inner.append(" /></cookie>");
    return "<cookie pagenumber=\"" + page + "\" pagingcookie=\"" + lowerPct(inner.toString()) + "\" istracking=\""
        + (tracking ? "True" : "False") + "\" />";
  }

  /** The page number and resume keys of a decoded {@code $skiptoken}, or null when it is not one of ours. */
  static Map<String, String> decode(String skiptoken) {
    Matcher outer = ATTR.matcher(skiptoken);
    Map<String, String> o = new LinkedHashMap<>();
    while (outer.find()) {
      o.put(outer.group(1), outer.group(2));
    }
    if (!o.containsKey("pagingcookie") || !o.containsKey("pagenumber")) {
      return null;
    }
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("pagenumber", o.get("pagenumber"));
    Matcher inner = ATTR.matcher(URLDecoder.decode(o.get("pagingcookie"), StandardCharsets.UTF_8));
    while (inner.find()) {
      keys.put(inner.group(1), inner.group(2));
    }
    return keys;
  }

  /** Outer encoding as in the fixture's nextLink: upper-case escapes, {@code =} left as is. */
  static String pct(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%3D", "=");
  }

  /** Lower-case escapes, as in the fixture's inner paging cookie ({@code %3ccookie%20page%3d...}) and delta tokens. */
  static String lowerPct(String s) {
    String e = URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    StringBuilder out = new StringBuilder(e.length());
    for (int i = 0; i < e.length(); i++) {
      char c = e.charAt(i);
      out.append(c);
      if (c == '%' && i + 2 < e.length()) {
        out.append(e.substring(i + 1, i + 3).toLowerCase(java.util.Locale.ROOT));
        i += 2;
      }
    }
    return out.toString();
  }
}
