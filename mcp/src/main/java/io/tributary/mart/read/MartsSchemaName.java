package io.tributary.mart.read;

/**
 * Renames the schema qualifier {@code marts.} of a query to the schema a reader role reads (PostgreSQL's masked
 * views), so queries name marts the same way on every warehouse. Only identifiers are renamed: string literals,
 * quoted identifiers other than {@code "marts"}, dollar-quoted text and comments are left as they are. This is a
 * convenience, not a guard: the role has no privilege on {@code marts}, so a name this misses is refused.
 */
final class MartsSchemaName {

  private static final String MARTS = "marts";

  private MartsSchemaName() {}

  static String rename(String sql, String schema) {
    StringBuilder out = new StringBuilder(sql.length() + 16);
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      int end;
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        end = indexOrEnd(sql, "\n", i);
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        end = indexOrEnd(sql, "*/", i + 2) + 2;
      } else if (c == '\'') {
        end = closing(sql, i, '\'');
      } else if (c == '$' && dollarTag(sql, i) != null) {
        String tag = dollarTag(sql, i);
        end = indexOrEnd(sql, tag, i + tag.length()) + tag.length();
      } else if (c == '"') {
        end = closing(sql, i, '"');
        boolean isMarts = sql.substring(i, Math.min(end, n)).equals("\"" + MARTS + "\"");
        out.append(isMarts && qualifies(sql, end) && !qualified(sql, i) ? "\"" + schema + "\"" : sql.substring(i,
            Math.min(end, n)));
        i = end;
        continue;
      } else if (Character.isLetter(c) || c == '_') {
        end = i;
        while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
            || sql.charAt(end) == '$')) {
          end++;
        }
        String word = sql.substring(i, end);
        out.append(word.equalsIgnoreCase(MARTS) && qualifies(sql, end) && !qualified(sql, i) ? schema : word);
        i = end;
        continue;
      } else {
        end = i + 1;
      }
      out.append(sql, i, Math.min(end, n));
      i = Math.min(end, n);
    }
    return out.toString();
  }

  /** Whether the next non-blank character is a dot: the word is a qualifier. */
  private static boolean qualifies(String sql, int from) {
    int j = from;
    while (j < sql.length() && Character.isWhitespace(sql.charAt(j))) {
      j++;
    }
    return j < sql.length() && sql.charAt(j) == '.';
  }

  /** Whether the word is itself qualified ({@code x.marts.y}): then it is not a schema name. */
  private static boolean qualified(String sql, int start) {
    int j = start - 1;
    while (j >= 0 && Character.isWhitespace(sql.charAt(j))) {
      j--;
    }
    return j >= 0 && sql.charAt(j) == '.';
  }

  private static int closing(String sql, int open, char quote) {
    int j = open + 1;
    while (j < sql.length()) {
      if (sql.charAt(j) == quote) {
        if (j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return sql.length();
  }

  private static String dollarTag(String sql, int at) {
    int j = at + 1;
    while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
      j++;
    }
    if (j < sql.length() && sql.charAt(j) == '$' && (j == at + 1 || !Character.isDigit(sql.charAt(at + 1)))) {
      return sql.substring(at, j + 1);
    }
    return null;
  }

  private static int indexOrEnd(String sql, String what, int from) {
    int k = sql.indexOf(what, from);
    return k < 0 ? sql.length() : k;
  }
}
