package io.tributary.source.jdbc;

import io.tributary.core.ReadRequest;
import io.tributary.core.RowEncoding;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * How a PostgreSQL stream's pages are read as binary COPY tuples the sink takes as they are
 * ({@link RowEncoding#POSTGRESQL_BINARY}): the page query becomes {@code COPY (SELECT <columns>, <plain>, <keys> ...)
 * TO STDOUT (FORMAT binary)}. Built only when every column's source type gives exactly the bytes the sink's column type
 * reads (int2/int4 are widened to int8 by the server, which is exact); otherwise the stream is read as typed values.
 *
 * <p>{@code <plain>} is true when the row holds none of the values the typed path would quarantine (numeric and
 * double NaN or infinity, dates and timestamps outside 0001-9999 or infinite): a page with such a row is read again as
 * typed values, so both paths load and quarantine the same rows. The cursor and primary key are decoded for the
 * resume position, from the copied columns, or from {@code <keys>} after the flag when the stream does not copy them.
 */
final class JdbcPassThrough {

  /** The key column types whose binary values are decoded here, and whose cursor text is inlined as a literal. */
  enum KeyKind { INT8, INT4, INT2, NUMERIC, TEXT, DATE, TIMESTAMPTZ }

  private static final Pattern NUMERIC = Pattern.compile("numeric(?:\\((\\d+),(\\d+)\\))?");
  private static final String DATE_RANGE = " BETWEEN '0001-01-01'::date AND '9999-12-31'::date";
  private static final String TIMESTAMP_RANGE =
      " >= '0001-01-01 00:00:00+00'::timestamptz AND %s < '10000-01-01 00:00:00+00'::timestamptz";

  private final String selectList;
  private final int columns;
  private final KeyKind[] keyKinds;
  private final int[] keyFields;

  /** @param keyFields the tuple field each key is decoded from: a copied column, or one after the plain flag */
  private JdbcPassThrough(String selectList, int columns, KeyKind[] keyKinds, int[] keyFields) {
    this.selectList = selectList;
    this.columns = columns;
    this.keyKinds = keyKinds;
    this.keyFields = keyFields;
  }

  /** The pass-through of a stream, or null when the request, the options, the database or a type rules it out. */
  static JdbcPassThrough plan(Connection c, ReadRequest request, JdbcStreamOptions opts, JdbcReadPlan plan,
      JdbcCatalog catalog) throws SQLException {
    RowEncoding encoding = request.encoding();
    if (encoding == null || !opts.passThrough() || !RowEncoding.POSTGRESQL_BINARY.equals(encoding.format())
        || !postgresDriver(c)) {
      return null;
    }
    boolean numericInfinity = c.getMetaData().getDatabaseMajorVersion() >= 14;
    List<String> select = new ArrayList<>();
    List<String> plain = new ArrayList<>();
    List<JdbcColumn> copied = new ArrayList<>();
    for (int i = 0; i < encoding.fields().size(); i++) {
      JdbcColumn column = column(plan, encoding.fields().get(i));
      copied.add(column);
      String ref = column == null ? null : "s." + catalog.quote(column.label());
      String expression = column == null ? null : expression(column, ref, encoding.types().get(i));
      if (expression == null) {
        return null;
      }
      select.add(expression);
      String check = plainCheck(column, ref, numericInfinity);
      if (check != null) {
        plain.add("(" + ref + " IS NULL OR " + check + ")");
      }
    }
    int n = copied.size();
    KeyKind[] kinds = new KeyKind[plan.keys().size()];
    int[] fields = new int[kinds.length];
    List<String> keys = new ArrayList<>();
    for (int k = 0; k < kinds.length; k++) {
      kinds[k] = keyKind(plan.key(k));
      if (kinds[k] == null) {
        return null;
      }
      int at = copied.indexOf(plan.key(k));
      if (at >= 0) {
        // a copied column: an int2/int4 key arrives widened to int8
        fields[k] = at;
        kinds[k] = kinds[k] == KeyKind.INT4 || kinds[k] == KeyKind.INT2 ? KeyKind.INT8 : kinds[k];
        continue;
      }
      String ref = "s." + catalog.quote(plan.key(k).label());
      fields[k] = n + 1 + keys.size();
      keys.add(ref);
      String check = plainCheck(plan.key(k), ref, numericInfinity);
      if (check != null) {
        plain.add("(" + ref + " IS NULL OR " + check + ")");
      }
    }
    select.add(plain.isEmpty() ? "true" : String.join(" AND ", plain));
    select.addAll(keys);
    return new JdbcPassThrough(String.join(", ", select), n, kinds, fields);
  }

  /** A distribution may ship the jdbc source without the PostgreSQL driver: then no connection is PostgreSQL's. */
  private static boolean postgresDriver(Connection c) throws SQLException {
    if (!"PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName())) {
      return false;
    }
    try {
      Class.forName("org.postgresql.PGConnection", false, JdbcPassThrough.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return false;
    }
    return c.isWrapperFor(PGConnection.class);
  }

  int columns() {
    return columns;
  }

  KeyKind keyKind(int k) {
    return keyKinds[k];
  }

  int keyCount() {
    return keyKinds.length;
  }

  /** The tuple field key {@code k} is decoded from. */
  int keyField(int k) {
    return keyFields[k];
  }

  /** Fields per tuple: the copied columns, the plain flag, and the keys that are not copied columns. */
  int tupleFields() {
    int last = columns; // the plain flag
    for (int f : keyFields) {
      last = Math.max(last, f);
    }
    return last + 1;
  }

  /**
   * The COPY of one page query of {@link JdbcKeysetQuery} ({@code SELECT * FROM ...}, parameters as {@code ?}) with
   * {@code literals} in place of its parameters, in order: COPY takes no parameters.
   */
  String copy(String pageSql, List<String> literals) {
    if (!pageSql.startsWith("SELECT * ")) {
      throw new IllegalArgumentException("not a page query: " + pageSql);
    }
    String sql = inline("SELECT " + selectList + pageSql.substring("SELECT *".length()), literals);
    return "COPY (" + sql + ") TO STDOUT (FORMAT binary)";
  }

  /**
   * The SQL literal of a key's cursor text, typed as the column (what the typed path binds), or null when it has
   * none here (an infinity or a date outside 0001-9999): that page is read as typed values.
   */
  static String literal(JdbcColumn column, String text) {
    KeyKind kind = keyKind(column);
    try {
      return switch (kind) {
        case INT8, INT4, INT2 -> Long.toString(Long.parseLong(text));
        case NUMERIC -> "'" + new java.math.BigDecimal(text).toPlainString() + "'::numeric";
        case TEXT -> quoted(text);
        case DATE -> {
          LocalDate d = LocalDate.parse(text);
          yield d.getYear() < 1 || d.getYear() > 9999 ? null : "'" + d + "'::date";
        }
        case TIMESTAMPTZ -> {
          Instant t = CursorText.instant(text, column);
          yield t.isBefore(Instant.parse("0001-01-01T00:00:00Z")) || !t.isBefore(Instant.parse("+10000-01-01T00:00:00Z"))
              ? null : "'" + t + "'::timestamptz";
        }
      };
    } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
      throw JdbcValues.wrongCursorType(column, text);
    }
  }

  /** An escape string constant: the same text whatever {@code standard_conforming_strings} says. */
  static String quoted(String text) {
    StringBuilder b = new StringBuilder(text.length() + 4).append("E'");
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '\'' || ch == '\\') {
        b.append(ch);
      }
      b.append(ch);
    }
    return b.append('\'').toString();
  }

  private static JdbcColumn column(JdbcReadPlan plan, String field) {
    for (JdbcColumn c : plan.columns()) {
      if (c.label().equalsIgnoreCase(field)) {
        return c;
      }
    }
    return null;
  }

  /** The select expression giving the sink column's binary value, or null when the source type does not. */
  private static String expression(JdbcColumn column, String ref, String target) {
    String source = column.typeName().toLowerCase(Locale.ROOT);
    return switch (source) {
      case "int8" -> target.equals("bigint") ? ref : null;
      case "int4", "int2" -> target.equals("bigint") ? ref + "::int8" : null;
      case "text", "varchar" -> target.equals("text") ? ref : null;
      case "float8" -> target.equals("double precision") ? ref : null;
      case "bool" -> target.equals("boolean") ? ref : null;
      case "date" -> target.equals("date") ? ref : null;
      case "timestamptz" -> target.equals("timestamptz") ? ref : null;
      case "jsonb" -> target.equals("jsonb") ? ref : null;
      case "numeric" -> holdsNumeric(target, column) ? ref : null;
      default -> null;
    };
  }

  /** Whether the target numeric keeps every value of the source column unchanged (as PostgresType.holds). */
  private static boolean holdsNumeric(String target, JdbcColumn column) {
    Matcher m = NUMERIC.matcher(target);
    if (!m.matches()) {
      return false;
    }
    if (m.group(1) == null) {
      return true;
    }
    int p = Integer.parseInt(m.group(1));
    int s = Integer.parseInt(m.group(2));
    return column.precision() > 0 && s >= column.scale() && p - s >= column.precision() - column.scale();
  }

  /**
   * The condition a non-NULL value meets when the typed path loads it unchanged; null when every value does. NaN sorts
   * above every other value, infinity included, in PostgreSQL's float8 and numeric comparisons (manual, "Numeric
   * Types"), so {@code < 'Infinity'} also excludes NaN.
   */
  private static String plainCheck(JdbcColumn column, String ref, boolean numericInfinity) {
    return switch (column.typeName().toLowerCase(Locale.ROOT)) {
      case "float8" -> ref + " > '-Infinity'::float8 AND " + ref + " < 'Infinity'::float8";
      case "numeric" -> numericInfinity
          ? ref + " > '-Infinity'::numeric AND " + ref + " < 'Infinity'::numeric"
          : ref + " < 'NaN'::numeric";
      case "date" -> ref + DATE_RANGE;
      case "timestamptz" -> ref + String.format(TIMESTAMP_RANGE, ref);
      default -> null;
    };
  }

  private static KeyKind keyKind(JdbcColumn column) {
    return switch (column.typeName().toLowerCase(Locale.ROOT)) {
      case "int8" -> KeyKind.INT8;
      case "int4" -> KeyKind.INT4;
      case "int2" -> KeyKind.INT2;
      case "numeric" -> KeyKind.NUMERIC;
      case "text", "varchar" -> KeyKind.TEXT;
      case "date" -> KeyKind.DATE;
      case "timestamptz" -> KeyKind.TIMESTAMPTZ;
      default -> null;
    };
  }

  /** Replaces each {@code ?} outside quotes with the next literal. */
  private static String inline(String sql, List<String> literals) {
    StringBuilder b = new StringBuilder(sql.length() + 64);
    int next = 0;
    char quote = 0;
    for (int i = 0; i < sql.length(); i++) {
      char ch = sql.charAt(i);
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        }
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
      } else if (ch == '?') {
        b.append(literals.get(next++));
        continue;
      }
      b.append(ch);
    }
    if (next != literals.size()) {
      throw new IllegalStateException(literals.size() + " literals for " + next + " parameters in " + sql);
    }
    return b.toString();
  }
}
