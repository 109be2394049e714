package io.tributary.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Parses the boolean part of a vendor's filter language: terms joined by {@code AND}, {@code OR} and {@code NOT}
 * (any case), grouped with parentheses; AND binds tighter than OR. What a term is belongs to the platform: a condition
 * alias in Gainsight's {@code "expression": "A AND B"}, a comparison like {@code Name eq 'Acme'} in an OData
 * {@code $filter}. Text is split at white space and parentheses; a single-quoted literal stays one token, quotes
 * included, with {@code ''} standing for a quote inside it.
 */
public final class BooleanExpression {

  /** Parses one term from the tokens, consuming exactly its own. */
  @FunctionalInterface
  public interface Term<T> {
    Predicate<T> parse(Tokens tokens);
  }

  /** The tokens of an expression and the position of the next one. */
  public static final class Tokens {
    private final List<String> tokens;
    private int next;

    Tokens(List<String> tokens) {
      this.tokens = tokens;
    }

    /** The next token without consuming it, or null at the end. */
    public String peek() {
      return next < tokens.size() ? tokens.get(next) : null;
    }

    /** Consumes the next token; fails at the end with {@code what} expected. */
    public String next(String what) {
      if (next >= tokens.size()) {
        throw new IllegalArgumentException("expected " + what + " at the end of the expression");
      }
      return tokens.get(next++);
    }
  }

  private BooleanExpression() {}

  /**
   * Parses {@code text}; throws IllegalArgumentException naming what was expected where.
   *
   * @param term parses one term
   */
  public static <T> Predicate<T> parse(String text, Term<T> term) {
    Tokens tokens = new Tokens(tokenize(text));
    Predicate<T> p = or(tokens, term);
    if (tokens.peek() != null) {
      throw new IllegalArgumentException("unexpected '" + tokens.peek() + "' in the expression");
    }
    return p;
  }

  private static <T> Predicate<T> or(Tokens t, Term<T> term) {
    return chain(t, "or", () -> and(t, term), Predicate::or);
  }

  private static <T> Predicate<T> and(Tokens t, Term<T> term) {
    return chain(t, "and", () -> unary(t, term), Predicate::and);
  }

  /** {@code operand (keyword operand)*}, joined left to right. */
  private static <T> Predicate<T> chain(Tokens t, String keyword, Supplier<Predicate<T>> operand,
      BinaryOperator<Predicate<T>> join) {
    Predicate<T> p = operand.get();
    while (is(t.peek(), keyword)) {
      t.next(keyword.toUpperCase(Locale.ROOT));
      p = join.apply(p, operand.get());
    }
    return p;
  }

  private static <T> Predicate<T> unary(Tokens t, Term<T> term) {
    String head = t.peek();
    if (head == null) {
      throw new IllegalArgumentException("expected a condition at the end of the expression");
    }
    if (is(head, "not")) {
      t.next("NOT");
      return unary(t, term).negate();
    }
    if (head.equals("(")) {
      t.next("(");
      Predicate<T> p = or(t, term);
      if (!")".equals(t.next("')'"))) {
        throw new IllegalArgumentException("expected ')' in the expression");
      }
      return p;
    }
    return term.parse(t);
  }

  private static boolean is(String token, String keyword) {
    return token != null && token.toLowerCase(Locale.ROOT).equals(keyword);
  }

  static List<String> tokenize(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        int end = i + 1;
        while (end < text.length() && !(text.charAt(end) == '\''
            && (end + 1 >= text.length() || text.charAt(end + 1) != '\''))) {
          end += text.charAt(end) == '\'' ? 2 : 1;
        }
        if (end >= text.length()) {
          throw new IllegalArgumentException("unterminated quoted literal in the expression");
        }
        cur.append(text, i, end + 1);
        i = end;
      } else if (Character.isWhitespace(c) || c == '(' || c == ')') {
        if (!cur.isEmpty()) {
          out.add(cur.toString());
          cur.setLength(0);
        }
        if (c != ' ' && !Character.isWhitespace(c)) {
          out.add(String.valueOf(c));
        }
      } else {
        cur.append(c);
      }
    }
    if (!cur.isEmpty()) {
      out.add(cur.toString());
    }
    return out;
  }
}
