package io.tributary.mart;

import java.util.ArrayList;
import java.util.List;

/** Splits a SQL script on semicolons outside quotes and comments. */
public final class SqlStatements {

  private SqlStatements() {}

  public static List<String> split(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int n = script.length();
    for (int i = 0; i < n; i++) {
      char c = script.charAt(i);
      if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        int end = script.indexOf('\n', i);
        i = end < 0 ? n - 1 : end;
        cur.append('\n');
        continue;
      }
      if (c == '\'' || c == '"') {
        int end = i + 1;
        while (end < n && script.charAt(end) != c) {
          end++;
        }
        cur.append(script, i, Math.min(n, end + 1));
        i = end;
        continue;
      }
      if (c == ';') {
        add(out, cur);
        cur.setLength(0);
        continue;
      }
      cur.append(c);
    }
    add(out, cur);
    return out;
  }

  private static void add(List<String> out, StringBuilder statement) {
    String s = statement.toString().strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
  }
}
