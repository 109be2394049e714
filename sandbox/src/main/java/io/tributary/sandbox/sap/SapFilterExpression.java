package io.tributary.sandbox.sap;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The OData v2 {@code $filter} subset the SAP source emits: {@code or}, {@code and}, parentheses and
 * {@code Property op literal} with eq/ne/gt/ge/lt/le, over string, {@code datetime'..'},
 * {@code datetimeoffset'..'}, decimal ({@code 1.5M}), integer and boolean literals ([MS-ODATA] 2.2.2).
 * Parses to a predicate over an entity's typed values; unknown properties are an error, as on Gateway.
 */
final class SapFilterExpression {

  private final List<String> tokens;
  private final SapEntity entity;
  private int pos;

  private SapFilterExpression(List<String> tokens, SapEntity entity) {
    this.tokens = tokens;
    this.entity = entity;
  }

  static Predicate<Map<String, Object>> parse(String filter, SapEntity entity) {
    if (filter == null || filter.isBlank()) {
      return v -> true;
    }
    SapFilterExpression p = new SapFilterExpression(tokenize(filter), entity);
    Predicate<Map<String, Object>> e = p.or();
    if (p.pos != p.tokens.size()) {
      throw new SapFilterException("Invalid filter expression: unexpected '" + p.tokens.get(p.pos) + "'");
    }
    return e;
  }

  private Predicate<Map<String, Object>> or() {
    return chain("or", this::and, Predicate::or);
  }

  private Predicate<Map<String, Object>> and() {
    return chain("and", this::primary, Predicate::and);
  }

  /** {@code operand (keyword operand)*}, left-associative: OData's {@code and} binds tighter than {@code or}. */
  private Predicate<Map<String, Object>> chain(String keyword, Supplier<Predicate<Map<String, Object>>> operand,
      BinaryOperator<Predicate<Map<String, Object>>> join) {
    Predicate<Map<String, Object>> left = operand.get();
    while (peek(keyword)) {
      pos++;
      left = join.apply(left, operand.get());
    }
    return left;
  }

  private Predicate<Map<String, Object>> primary() {
    if (peek("(")) {
      pos++;
      Predicate<Map<String, Object>> inner = or();
      expect(")");
      return inner;
    }
    String property = next();
    if (entity.prop(property) == null) {
      throw new SapFilterException("Property '" + property + "' not found in type '" + entity.type() + "'");
    }
    String op = next();
    Object literal = literal(next());
    if (!List.of("eq", "ne", "gt", "ge", "lt", "le").contains(op)) {
      throw new SapFilterException("Invalid filter expression: operator '" + op + "' not supported");
    }
    return v -> test(op, v.get(property), literal);
  }

  /** A comparison with null is true only for {@code eq null} and {@code ne} of a null and a value. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean test(String op, Object value, Object literal) {
    if (value == null || literal == null) {
      boolean same = value == literal;
      return op.equals("eq") ? same : op.equals("ne") && !same;
    }
    int c;
    if (value instanceof BigDecimal a && literal instanceof BigDecimal b) {
      c = a.compareTo(b);
    } else if (value.getClass() == literal.getClass()) {
      c = ((Comparable) value).compareTo(literal);
    } else {
      throw new SapFilterException("Invalid filter expression: incompatible types "
          + value.getClass().getSimpleName() + " and literal " + literal);
    }
    return switch (op) {
      case "eq" -> c == 0;
      case "ne" -> c != 0;
      case "gt" -> c > 0;
      case "ge" -> c >= 0;
      case "lt" -> c < 0;
      default -> c <= 0;
    };
  }

  private Object literal(String t) {
    try {
      if (t.equals("null")) {
        return null;
      }
      if (t.equals("true") || t.equals("false")) {
        return Boolean.valueOf(t);
      }
      if (t.startsWith("'")) {
        return unquote(t);
      }
      if (t.startsWith("datetimeoffset'")) {
        return OffsetDateTime.parse(unquote(t.substring("datetimeoffset".length()))).toInstant();
      }
      if (t.startsWith("datetime'")) {
        return LocalDateTime.parse(unquote(t.substring("datetime".length()))).toInstant(ZoneOffset.UTC);
      }
      String n = t.endsWith("M") || t.endsWith("m") || t.endsWith("L") || t.endsWith("l")
          ? t.substring(0, t.length() - 1) : t;
      return new BigDecimal(n);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new SapFilterException("Invalid filter expression: bad literal " + t);
    }
  }

  private static String unquote(String quoted) {
    return quoted.substring(1, quoted.length() - 1).replace("''", "'");
  }

  private boolean peek(String t) {
    return pos < tokens.size() && tokens.get(pos).equals(t);
  }

  private String next() {
    if (pos >= tokens.size()) {
      throw new SapFilterException("Invalid filter expression: unexpected end");
    }
    return tokens.get(pos++);
  }

  private void expect(String t) {
    if (!peek(t)) {
      throw new SapFilterException("Invalid filter expression: expected '" + t + "'");
    }
    pos++;
  }

  private static List<String> tokenize(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == ' ') {
        i++;
        continue;
      }
      if (c == '(' || c == ')') {
        out.add(String.valueOf(c));
        i++;
        continue;
      }
      int start = i;
      while (i < n && s.charAt(i) != ' ' && s.charAt(i) != '(' && s.charAt(i) != ')') {
        if (s.charAt(i) == '\'') {
          i = closingQuote(s, i);
        }
        i++;
      }
      out.add(s.substring(start, i));
    }
    return out;
  }

  /** The index of the quote closing the one at {@code open}; {@code ''} inside is an escaped quote. */
  private static int closingQuote(String s, int open) {
    int i = open + 1;
    while (i < s.length()) {
      if (s.charAt(i) == '\'') {
        if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
          i += 2;
          continue;
        }
        return i;
      }
      i++;
    }
    throw new SapFilterException("Invalid filter expression: unterminated literal");
  }
}
