package io.tributary.sandbox.salesforce;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits SOQL text into tokens with their 1-based columns (for Salesforce-style error positions). */
final class SoqlTokens {

  /** One token. {@code quoted} marks a string literal (its text is unquoted). */
  record Token(String text, int column, boolean quoted) {
    boolean is(String keyword) {
      return !quoted && text.equalsIgnoreCase(keyword);
    }

    String upper() {
      return text.toUpperCase(Locale.ROOT);
    }
  }

  private final String soql;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;

  SoqlTokens(String soql) {
    this.soql = soql;
    tokenize();
  }

  Token peek() {
    return pos < tokens.size() ? tokens.get(pos) : null;
  }

  Token next() {
    Token t = peek();
    if (t == null) {
      throw SoqlErrors.malformed(soql, soql.length() + 1, "unexpected end of query");
    }
    pos++;
    return t;
  }

  boolean accept(String keyword) {
    Token t = peek();
    if (t != null && t.is(keyword)) {
      pos++;
      return true;
    }
    return false;
  }

  Token expect(String keyword) {
    Token t = next();
    if (!t.is(keyword)) {
      throw SoqlErrors.unexpected(soql, t);
    }
    return t;
  }

  String soql() {
    return soql;
  }

  private void tokenize() {
    int i = 0;
    while (i < soql.length()) {
      char c = soql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'') {
        StringBuilder sb = new StringBuilder();
        int start = i++;
        while (i < soql.length() && soql.charAt(i) != '\'') {
          if (soql.charAt(i) == '\\' && i + 1 < soql.length()) {
            i++;
          }
          sb.append(soql.charAt(i++));
        }
        if (i >= soql.length()) {
          throw SoqlErrors.malformed(soql, start + 1, "unterminated string literal");
        }
        i++;
        tokens.add(new Token(sb.toString(), start + 1, true));
      } else if ("(),".indexOf(c) >= 0) {
        tokens.add(new Token(String.valueOf(c), i + 1, false));
        i++;
      } else if ("<>=!".indexOf(c) >= 0) {
        int start = i++;
        if (i < soql.length() && soql.charAt(i) == '=') {
          i++;
        }
        tokens.add(new Token(soql.substring(start, i), start + 1, false));
      } else {
        int start = i;
        while (i < soql.length() && isWordChar(soql.charAt(i))) {
          i++;
        }
        if (i == start) {
          throw SoqlErrors.malformed(soql, start + 1, "unexpected token: '" + c + "'");
        }
        tokens.add(new Token(soql.substring(start, i), start + 1, false));
      }
    }
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ':' || c == '-' || c == '+';
  }
}
