package io.tributary.sandbox.netsuite;

import io.tributary.sandbox.RowKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the SuiteQL subset the simulator serves: {@code SELECT cols | TO_CHAR(col, 'fmt') AS alias FROM table
 * [WHERE ...] [ORDER BY key | modified, key]}, where conditions combine with AND, OR and parentheses and compare a
 * column with a number, a quoted text, {@code TO_TIMESTAMP('...', 'YYYY-MM-DD HH24:MI:SS')} or
 * {@code TO_DATE('...', 'YYYY-MM-DD')} (both read in the account's time zone), or test {@code col IN ('a', 'b')}.
 */
final class SuiteQlParser {

  static final String TIMESTAMP_FORMAT = "YYYY-MM-DD HH24:MI:SS";
  static final String DATE_FORMAT = "YYYY-MM-DD";
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  private static final Pattern QUERY = Pattern.compile(
      "\\s*SELECT\\s+(.+?)\\s+FROM\\s+(\\w+)(?:\\s+WHERE\\s+(.+?))?(?:\\s+ORDER\\s+BY\\s+(.+?))?\\s*",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern TO_CHAR = Pattern.compile(
      "TO_CHAR\\(\\s*(\\w+)\\s*,\\s*'([^']*)'\\s*\\)\\s+AS\\s+(\\w+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern COMPARE = Pattern.compile("(\\w+)\\s*(>=|<=|<>|!=|>|<|=)\\s*(.+)", Pattern.DOTALL);
  private static final Pattern IN = Pattern.compile("(\\w+)\\s+IN\\s*\\((.*)\\)", Pattern.CASE_INSENSITIVE);
  private static final Pattern LITERAL_FN = Pattern.compile(
      "(TO_TIMESTAMP|TO_DATE)\\(\\s*'([^']*)'\\s*,\\s*'([^']*)'\\s*\\)", Pattern.CASE_INSENSITIVE);

  private final ZoneId zone;

  SuiteQlParser(ZoneId zone) {
    this.zone = zone;
  }

  SuiteQlQuery parse(String q) {
    Matcher m = QUERY.matcher(q == null ? "" : q);
    if (!m.matches()) {
      throw new SuiteQlException("Syntax error: expected SELECT ... FROM ...");
    }
    SuiteQlTable table = NetSuiteRecords.table(m.group(2));
    if (table == null) {
      throw new SuiteQlException("Invalid search type: " + m.group(2) + ".");
    }
    List<SuiteQlQuery.Output> select = select(table, m.group(1));
    Predicate<Map<String, Object>> where = m.group(3) == null ? r -> true : condition(table, m.group(3).strip());
    SuiteQlQuery.Order order = order(table, m.group(4));
    Long keyAbove = null;
    RowKey modAfter = null;
    List<String> conjuncts = m.group(3) == null ? List.of() : SuiteQlSplitter.split(m.group(3), "AND");
    for (String conjunct : conjuncts) {
      keyAbove = keyAbove != null ? keyAbove : keyBound(table, conjunct);
      modAfter = modAfter != null ? modAfter : modifiedBound(table, conjunct);
    }
    boolean onlyBound = conjuncts.isEmpty() || (conjuncts.size() == 1 && (keyAbove != null || modAfter != null));
    return new SuiteQlQuery(table, select, where, order, keyAbove, modAfter, onlyBound);
  }

  private List<SuiteQlQuery.Output> select(SuiteQlTable table, String list) {
    List<SuiteQlQuery.Output> out = new ArrayList<>();
    for (String item : SuiteQlSplitter.split(list, ",")) {
      if (item.equals("*")) {
        table.columns().keySet().forEach(c -> out.add(new SuiteQlQuery.Output(c, null, c)));
        continue;
      }
      Matcher tc = TO_CHAR.matcher(item);
      if (tc.matches()) {
        String fmt = tc.group(2).toUpperCase(Locale.ROOT);
        if (!fmt.equals(TIMESTAMP_FORMAT) && !fmt.equals(DATE_FORMAT)) {
          throw new SuiteQlException("Unsupported TO_CHAR format '" + tc.group(2) + "'.");
        }
        out.add(new SuiteQlQuery.Output(column(table, tc.group(1)), fmt, tc.group(3).toLowerCase(Locale.ROOT)));
      } else if (item.matches("\\w+")) {
        String c = column(table, item);
        out.add(new SuiteQlQuery.Output(c, null, c));
      } else {
        throw new SuiteQlException("Syntax error near '" + item + "'.");
      }
    }
    return out;
  }

  private static String column(SuiteQlTable table, String name) {
    String c = name.toLowerCase(Locale.ROOT);
    if (table.kind(c) == null) {
      throw new SuiteQlException("Search error occurred: Unknown identifier '" + name + "'. Available identifiers"
          + " are: {" + table.name() + "=" + table.name() + "}.");
    }
    return c;
  }

  private Predicate<Map<String, Object>> condition(SuiteQlTable table, String text) {
    String s = SuiteQlSplitter.unwrap(text);
    List<String> ors = SuiteQlSplitter.split(s, "OR");
    if (ors.size() > 1) {
      return ors.stream().map(part -> condition(table, part)).reduce(Predicate::or).orElseThrow();
    }
    List<String> ands = SuiteQlSplitter.split(s, "AND");
    if (ands.size() > 1) {
      return ands.stream().map(part -> condition(table, part)).reduce(Predicate::and).orElseThrow();
    }
    return atom(table, s);
  }

  private Predicate<Map<String, Object>> atom(SuiteQlTable table, String s) {
    Matcher in = IN.matcher(s);
    if (in.matches()) {
      String c = column(table, in.group(1));
      List<Object> values = new ArrayList<>();
      for (String v : SuiteQlSplitter.split(in.group(2), ",")) {
        values.add(value(table, c, v));
      }
      return r -> values.contains(r.get(c));
    }
    Matcher m = COMPARE.matcher(s);
    if (!m.matches()) {
      throw new SuiteQlException("Syntax error near '" + s + "'.");
    }
    String c = column(table, m.group(1));
    Object literal = value(table, c, m.group(3).strip());
    String op = m.group(2);
    return r -> {
      Object v = r.get(c);
      if (v == null) {
        return false;
      }
      @SuppressWarnings({"unchecked", "rawtypes"})
      int cmp = ((Comparable) v).compareTo(literal);
      return switch (op) {
        case ">" -> cmp > 0;
        case ">=" -> cmp >= 0;
        case "<" -> cmp < 0;
        case "<=" -> cmp <= 0;
        case "=" -> cmp == 0;
        default -> cmp != 0;
      };
    };
  }

  /** A literal converted to the column's value type. */
  private Object value(SuiteQlTable table, String column, String text) {
    SuiteQlTable.Kind kind = table.kind(column);
    Matcher fn = LITERAL_FN.matcher(text);
    try {
      if (fn.matches()) {
        if (kind != SuiteQlTable.Kind.DATETIME && kind != SuiteQlTable.Kind.DATE) {
          throw new SuiteQlException("Invalid comparison of " + column + " with a date.");
        }
        Instant at = fn.group(1).equalsIgnoreCase("TO_DATE")
            ? parseDate(fn.group(2), fn.group(3)).atStartOfDay(zone).toInstant()
            : parseTimestamp(fn.group(2), fn.group(3));
        return kind == SuiteQlTable.Kind.DATE ? at.atZone(zone).toLocalDate() : at;
      }
      return switch (kind) {
        case INT -> Long.parseLong(text);
        case DECIMAL -> new java.math.BigDecimal(text);
        case TEXT -> unquote(text);
        case BOOL -> unquote(text).equalsIgnoreCase("T");
        default -> throw new SuiteQlException("Invalid date literal " + text + "; use TO_DATE or TO_TIMESTAMP.");
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new SuiteQlException("Invalid literal " + text + " for " + column + ".");
    }
  }

  private LocalDate parseDate(String value, String format) {
    if (!format.equalsIgnoreCase(DATE_FORMAT)) {
      throw new SuiteQlException("Unsupported date format '" + format + "'.");
    }
    return LocalDate.parse(value);
  }

  private Instant parseTimestamp(String value, String format) {
    if (format.equalsIgnoreCase(DATE_FORMAT)) {
      return LocalDate.parse(value).atStartOfDay(zone).toInstant();
    }
    if (!format.equalsIgnoreCase(TIMESTAMP_FORMAT)) {
      throw new SuiteQlException("Unsupported timestamp format '" + format + "'.");
    }
    // A local time in a DST overlap is the earlier instant, as Oracle resolves it.
    return LocalDateTime.parse(value, TS).atZone(zone).withEarlierOffsetAtOverlap().toInstant();
  }

  private static String unquote(String text) {
    if (text.length() < 2 || text.charAt(0) != '\'' || text.charAt(text.length() - 1) != '\'') {
      throw new SuiteQlException("Expected a quoted text, got " + text + ".");
    }
    return text.substring(1, text.length() - 1).replace("''", "'");
  }

  private static SuiteQlQuery.Order order(SuiteQlTable table, String text) {
    if (text == null) {
      return SuiteQlQuery.Order.KEY;
    }
    List<String> cols = SuiteQlSplitter.split(text, ",").stream()
        .map(c -> c.replaceAll("(?i)\\s+ASC$", "").toLowerCase(Locale.ROOT)).toList();
    if (cols.equals(List.of(table.key()))) {
      return SuiteQlQuery.Order.KEY;
    }
    if (cols.equals(List.of(table.modified(), table.key()))) {
      return SuiteQlQuery.Order.MODIFIED_KEY;
    }
    throw new SuiteQlException("The simulator orders " + table.name() + " only by " + table.key() + " or by "
        + table.modified() + ", " + table.key() + ".");
  }

  /** {@code key > N} or {@code key >= N} as an exclusive bound. */
  private Long keyBound(SuiteQlTable table, String conjunct) {
    Matcher m = COMPARE.matcher(SuiteQlSplitter.unwrap(conjunct));
    if (m.matches() && m.group(1).equalsIgnoreCase(table.key()) && m.group(3).strip().matches("\\d+")) {
      long n = Long.parseLong(m.group(3).strip());
      return switch (m.group(2)) {
        case ">" -> n;
        case ">=" -> n - 1;
        default -> null;
      };
    }
    return null;
  }

  /** {@code mod >= T}, {@code mod > T} or {@code (mod > T OR (mod = T AND key > N))} as an exclusive bound. */
  private RowKey modifiedBound(SuiteQlTable table, String conjunct) {
    String s = SuiteQlSplitter.unwrap(conjunct);
    List<String> ors = SuiteQlSplitter.split(s, "OR");
    Matcher m = COMPARE.matcher(SuiteQlSplitter.unwrap(ors.get(0)));
    if (!m.matches() || !m.group(1).equalsIgnoreCase(table.modified())) {
      return null;
    }
    Matcher fn = LITERAL_FN.matcher(m.group(3).strip());
    if (!fn.matches() || !fn.group(1).equalsIgnoreCase("TO_TIMESTAMP")) {
      return null;
    }
    Instant at = parseTimestamp(fn.group(2), fn.group(3));
    if (ors.size() == 1) {
      return switch (m.group(2)) {
        case ">=" -> RowKey.before(at);
        case ">" -> RowKey.after(at);
        default -> null;
      };
    }
    // Keyset form: everything after the tie bound; a row stamped T with key N has index N - 1.
    List<String> tie = SuiteQlSplitter.split(SuiteQlSplitter.unwrap(ors.get(1)), "AND");
    for (String part : tie) {
      Long above = keyBound(table, part);
      if (above != null) {
        return new RowKey(at, above - 1);
      }
    }
    return RowKey.before(at);
  }
}
