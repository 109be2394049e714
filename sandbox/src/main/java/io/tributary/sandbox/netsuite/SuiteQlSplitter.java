package io.tributary.sandbox.netsuite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits SuiteQL text on a separator at parenthesis depth 0, outside quotes. */
final class SuiteQlSplitter {

  private SuiteQlSplitter() {}

  /** Parts separated by {@code sep}: "," or a keyword such as AND / OR (matched as a whole word). */
  static List<String> split(String text, String sep) {
    List<String> parts = new ArrayList<>();
    Nesting nesting = new Nesting();
    int start = 0;
    String upper = text.toUpperCase(Locale.ROOT);
    boolean word = Character.isLetter(sep.charAt(0));
    for (int i = 0; i < text.length(); i++) {
      if (!nesting.take(text.charAt(i)) && nesting.atTop() && upper.startsWith(sep, i)
          && (!word || (boundary(text, i - 1) && boundary(text, i + sep.length())))) {
        parts.add(text.substring(start, i).strip());
        start = i + sep.length();
        i = start - 1;
      }
    }
    String last = text.substring(start).strip();
    if (!last.isEmpty() || !parts.isEmpty()) {
      parts.add(last);
    }
    return parts;
  }

  /** Removes parentheses that wrap the whole text. */
  static String unwrap(String text) {
    String s = text.strip();
    while (s.startsWith("(") && s.endsWith(")") && closes(s)) {
      s = s.substring(1, s.length() - 1).strip();
    }
    return s;
  }

  private static boolean closes(String s) {
    Nesting nesting = new Nesting();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (nesting.take(c) && c == ')' && nesting.atTop() && i < s.length() - 1) {
        return false;
      }
    }
    return true;
  }

  private static boolean boundary(String text, int i) {
    return i < 0 || i >= text.length() || Character.isWhitespace(text.charAt(i)) || text.charAt(i) == '('
        || text.charAt(i) == ')';
  }

  /** Where a left-to-right scan of SuiteQL text stands: parenthesis depth, and whether inside a quoted literal. */
  private static final class Nesting {

    private int depth;
    private boolean quoted;

    /** Takes the next character; true when it is a quote, or a parenthesis outside quotes. */
    boolean take(char c) {
      if (c == '\'') {
        quoted = !quoted;
        return true;
      }
      if (quoted || (c != '(' && c != ')')) {
        return false;
      }
      depth += c == '(' ? 1 : -1;
      return true;
    }

    /** Outside quotes and parentheses. */
    boolean atTop() {
      return !quoted && depth == 0;
    }
  }
}
