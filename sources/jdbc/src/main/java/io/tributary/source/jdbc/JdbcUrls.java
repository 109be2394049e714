package io.tributary.source.jdbc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads facts out of a JDBC URL for error messages, without ever echoing a password it may contain. */
final class JdbcUrls {

  private static final Pattern HOST_PORT = Pattern.compile("^jdbc:[a-z0-9]+:(?:[a-z]+:)?//(?:[^@/]*@)?([^/?;:]+)(?::(\\d+))?");
  private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password|pwd)=[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("//[^@/]*@");

  private JdbcUrls() {}

  /** The URL with any {@code password=} parameter and {@code user:pass@} part masked. */
  static String redact(String url) {
    String s = PASSWORD_PARAM.matcher(url).replaceAll("$1=***");
    return USER_INFO.matcher(s).replaceAll("//***@");
  }

  /** {@code host:port} of a network URL (default port per driver), or null for embedded URLs like H2 mem. */
  static String hostPort(String url) {
    Matcher m = HOST_PORT.matcher(url);
    if (!m.find()) {
      return null;
    }
    String port = m.group(2);
    if (port == null) {
      port = url.startsWith("jdbc:postgresql:") ? "5432" : url.matches("^jdbc:(mariadb|mysql):.*") ? "3306" : "?";
    }
    return m.group(1) + ":" + port;
  }
}
