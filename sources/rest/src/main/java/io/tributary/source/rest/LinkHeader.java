package io.tributary.source.rest;

import java.net.http.HttpHeaders;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the target of one relation from RFC 8288 {@code Link} headers, e.g. {@code <https://...>; rel="next"}. */
final class LinkHeader {

  private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");
  private static final Pattern REL = Pattern.compile("rel\\s*=\\s*\"?([^\";]+)\"?");

  private LinkHeader() {}

  static String target(HttpHeaders headers, String rel) {
    for (String value : headers.allValues("Link")) {
      Matcher m = LINK.matcher(value);
      while (m.find()) {
        Matcher r = REL.matcher(m.group(2));
        if (r.find()) {
          for (String one : r.group(1).trim().split("\\s+")) {
            if (one.equalsIgnoreCase(rel)) {
              return m.group(1).trim();
            }
          }
        }
      }
    }
    return null;
  }
}
