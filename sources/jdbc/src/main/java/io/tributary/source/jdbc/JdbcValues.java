package io.tributary.source.jdbc;

import io.tributary.core.ColumnType;
import io.tributary.core.JsonText;
import io.tributary.core.TributaryException;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Converts between JDBC values, the core Java types ({@link io.tributary.core.ColumnType}) and the plain strings
 * cursors hold.
 *
 * <p>A row's values and its cursor are read differently. A {@code timestamp without time zone} value becomes an
 * instant in {@code source.timezone} for the warehouse, but its cursor keeps the column's own wall-clock value
 * ({@code 2024-03-31T02:30:00}, no offset) and binds it back as a {@link LocalDateTime}: the wall clock to instant
 * mapping is not one-to-one around DST changes (a time in a spring gap has no instant, one in an autumn overlap has
 * two), so a round trip through an instant moves the cursor and skips rows. Cursor text carries its type in its form:
 * a wall-clock time has no offset, a {@code timestamptz} is an ISO instant ending in {@code Z}, a date is
 * {@code yyyy-MM-dd}, numbers are exact decimal text.
 */
final class JdbcValues {

  /** What PostgreSQL's {@code infinity} and {@code -infinity} become in a row (the mapper quarantines them). */
  static final String INFINITY = "infinity";
  static final String MINUS_INFINITY = "-infinity";

  private final ZoneId zone;

  JdbcValues(ZoneId zone) {
    this.zone = zone;
  }

  Object read(ResultSet rs, int index, JdbcColumn column) throws SQLException {
    Object value = switch (column.type()) {
      case INTEGER -> rs.getLong(index);
      case DECIMAL -> decimal(rs, index);
      case DOUBLE -> rs.getDouble(index);
      case BOOLEAN -> rs.getBoolean(index);
      case DATE -> infinityAsText(rs.getObject(index, LocalDate.class));
      case TIMESTAMP -> column.zoned()
          ? toInstant(rs.getObject(index, OffsetDateTime.class))
          : toInstant(rs.getObject(index, LocalDateTime.class));
      case STRING -> rs.getString(index);
      case JSON -> json(rs.getString(index));
    };
    return rs.wasNull() ? null : value;
  }

  /**
   * A key column's value as the cursor keeps it: the column's own type, never converted (a wall-clock timestamp stays
   * a {@link LocalDateTime}, {@code infinity} stays the driver's maximum). Null when the column is NULL.
   */
  Object readKey(ResultSet rs, int index, JdbcColumn column) throws SQLException {
    Object value = switch (column.type()) {
      case DOUBLE -> singlePrecision(column) ? (Object) rs.getFloat(index) : (Object) rs.getDouble(index);
      case DATE -> rs.getObject(index, LocalDate.class);
      case TIMESTAMP -> column.zoned()
          ? rs.getObject(index, OffsetDateTime.class)
          : rs.getObject(index, LocalDateTime.class);
      default -> read(rs, index, column);
    };
    return rs.wasNull() ? null : value;
  }

  /**
   * Whether a column's cursor value cannot be derived from its row value, so positions need {@link #readKey}: a
   * wall-clock timestamp (its row value is an instant, and a DST gap or overlap makes that conversion lossy).
   */
  static boolean keyedByOwnType(JdbcColumn column) {
    return column.type() == ColumnType.TIMESTAMP && !column.zoned() || singlePrecision(column);
  }

  /**
   * A 4-byte float ({@code real}, {@code float4}, MariaDB {@code FLOAT}): its cursor is kept and bound as a float,
   * since the double a driver returns for it ({@code 0.1}) is not the value the database compares
   * ({@code 0.100000001490116}), and the row would compare greater than its own cursor.
   */
  static boolean singlePrecision(JdbcColumn column) {
    String name = column.typeName().toLowerCase(java.util.Locale.ROOT);
    return column.type() == ColumnType.DOUBLE && (name.equals("float4") || name.equals("real") || name.equals("float"));
  }

  /**
   * The cursor text of a key column from its row value (as {@link #read} returned it): the value itself, except that
   * {@code infinity} in a date or {@code timestamptz} key is the driver's maximum, which binds back as infinity.
   */
  static String keyText(JdbcColumn column, Object rowValue) {
    if (rowValue instanceof String word && (column.type() == ColumnType.TIMESTAMP || column.type() == ColumnType.DATE)
        && (word.equals(INFINITY) || word.equals(MINUS_INFINITY))) {
      boolean max = word.equals(INFINITY);
      return column.type() == ColumnType.DATE ? format(max ? LocalDate.MAX : LocalDate.MIN)
          : format(max ? OffsetDateTime.MAX : OffsetDateTime.MIN);
    }
    return format(rowValue);
  }

  /** A json column's text: the database validated it on write, so the mapper need not parse it again. */
  private static JsonText json(String text) {
    return text == null ? null : new JsonText(text);
  }

  /** The cursor text of a value read by {@link #read} or {@link #readKey}. */
  static String format(Object value) {
    if (value instanceof LocalDateTime wallClock) {
      return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(wallClock);
    }
    if (value instanceof OffsetDateTime zoned) {
      return zoned.toInstant().toString();
    }
    return value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
  }

  /** Binds cursor text back as the column's SQL type. */
  void bind(PreparedStatement ps, int index, JdbcColumn column, String text) throws SQLException {
    try {
      switch (column.type()) {
        case INTEGER -> ps.setLong(index, Long.parseLong(text));
        case DECIMAL -> ps.setBigDecimal(index, new BigDecimal(text));
        case DOUBLE -> {
          if (singlePrecision(column)) {
            ps.setFloat(index, Float.parseFloat(text));
          } else {
            ps.setDouble(index, Double.parseDouble(text));
          }
        }
        case BOOLEAN -> ps.setBoolean(index, Boolean.parseBoolean(text));
        case DATE -> ps.setObject(index, LocalDate.parse(text));
        case TIMESTAMP -> bindTimestamp(ps, index, column, text, Duration.ZERO);
        case STRING, JSON -> ps.setString(index, text);
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      throw wrongCursorType(column, text);
    }
  }

  /**
   * Binds the lowest cursor value a read should include: the watermark minus the lookback. On a wall-clock column
   * that is wall-clock arithmetic ({@code 03:10 - 45m = 02:25}, whether or not the clock changed in between).
   */
  void bindLowerBound(PreparedStatement ps, int index, JdbcColumn column, String text, Duration lookback)
      throws SQLException {
    try {
      switch (column.type()) {
        case TIMESTAMP -> bindTimestamp(ps, index, column, text, lookback);
        case DATE -> ps.setObject(index, minus(LocalDate.parse(text), lookback));
        default -> bind(ps, index, column, text);
      }
    } catch (DateTimeParseException e) {
      throw wrongCursorType(column, text);
    }
  }

  /**
   * Whether cursor text is the position versions before the two-phase read saved for a row whose cursor was NULL:
   * they sorted such rows as {@code COALESCE(cursor, sentinel)}, so the position held the sentinel (the epoch, the
   * smallest long, {@code -1E+18}, the lowest double, false, the empty string). A real value equal to the sentinel
   * reads the same; it is resumed the way that is safe for both (see {@link JdbcStreamReader}).
   */
  boolean isLegacyNullPosition(JdbcColumn column, String text) {
    try {
      return switch (column.type()) {
        case INTEGER -> Long.parseLong(text) == Long.MIN_VALUE;
        case DECIMAL -> new BigDecimal(text).compareTo(new BigDecimal("-1E+18")) == 0;
        case DOUBLE -> singlePrecision(column) ? Float.parseFloat(text) == -Float.MAX_VALUE
            : Double.parseDouble(text) == -Double.MAX_VALUE;
        case BOOLEAN -> text.equals("false");
        case DATE -> LocalDate.parse(text).equals(LocalDate.EPOCH);
        case TIMESTAMP -> column.zoned() ? CursorText.instant(text, column).equals(Instant.EPOCH)
            : CursorText.wallClock(text, column, zone).equals(LocalDateTime.ofInstant(Instant.EPOCH, zone));
        case STRING, JSON -> text.isEmpty();
      };
    } catch (NumberFormatException | DateTimeParseException | TributaryException notTheSentinel) {
      return false; // binding it reports a cursor of the wrong type
    }
  }

  private void bindTimestamp(PreparedStatement ps, int index, JdbcColumn column, String text, Duration lookback)
      throws SQLException {
    if (column.zoned()) {
      ps.setObject(index, offsetDateTime(CursorText.instant(text, column), lookback));
    } else {
      ps.setObject(index, minus(CursorText.wallClock(text, column, zone), lookback));
    }
  }

  /** PostgreSQL's {@code infinity} comes back as the largest OffsetDateTime; the driver binds it back as infinity. */
  private static OffsetDateTime offsetDateTime(Instant instant, Duration lookback) {
    if (!instant.isBefore(OffsetDateTime.MAX.toInstant())) {
      return OffsetDateTime.MAX; // infinity minus a lookback is still infinity
    }
    if (!instant.isAfter(OffsetDateTime.MIN.toInstant())) {
      return OffsetDateTime.MIN;
    }
    Instant bound = instant.minus(lookback);
    return bound.isAfter(OffsetDateTime.MIN.toInstant()) ? bound.atOffset(ZoneOffset.UTC) : OffsetDateTime.MIN;
  }

  private static LocalDateTime minus(LocalDateTime wallClock, Duration lookback) {
    if (wallClock.equals(LocalDateTime.MAX)) {
      return wallClock; // the driver's infinity; minus a lookback it is still infinity
    }
    try {
      return wallClock.minus(lookback);
    } catch (DateTimeException beforeTheFirstDate) {
      return LocalDateTime.MIN;
    }
  }

  private static LocalDate minus(LocalDate date, Duration lookback) {
    if (date.equals(LocalDate.MAX)) {
      return date;
    }
    try {
      return date.minusDays((lookback.toSeconds() + 86_399) / 86_400);
    } catch (DateTimeException beforeTheFirstDate) {
      return LocalDate.MIN;
    }
  }

  static TributaryException wrongCursorType(JdbcColumn column, String text) {
    return TributaryException.config(
        "cursor value '" + text + "' for column " + column.label() + " is not a " + column.typeName(),
        "the saved watermark does not match the column type; run once with --full-refresh");
  }

  /** A NUMERIC NaN or infinity has no BigDecimal: it reaches the mapper as text, which quarantines the record. */
  private static Object decimal(ResultSet rs, int index) throws SQLException {
    try {
      return rs.getBigDecimal(index);
    } catch (SQLException | NumberFormatException notFinite) {
      String text = rs.getString(index);
      if (text == null || !text.matches("[+-]?(NaN|Infinity|inf|infinity)")) {
        throw notFinite instanceof SQLException sql ? sql : new SQLException(notFinite);
      }
      return text;
    }
  }

  /** The driver's stand-ins for PostgreSQL's {@code infinity} become the words, for the mapper to quarantine. */
  private static Object infinityAsText(LocalDate value) {
    if (LocalDate.MAX.equals(value)) {
      return INFINITY;
    }
    return LocalDate.MIN.equals(value) ? MINUS_INFINITY : value;
  }

  private static Object toInstant(OffsetDateTime value) {
    if (value == null) {
      return null;
    }
    if (OffsetDateTime.MAX.equals(value) || OffsetDateTime.MIN.equals(value)) {
      return OffsetDateTime.MAX.equals(value) ? INFINITY : MINUS_INFINITY;
    }
    return value.toInstant();
  }

  private Object toInstant(LocalDateTime value) {
    if (value == null) {
      return null;
    }
    if (LocalDateTime.MAX.equals(value) || LocalDateTime.MIN.equals(value)) {
      return LocalDateTime.MAX.equals(value) ? INFINITY : MINUS_INFINITY;
    }
    return value.atZone(zone).toInstant();
  }
}
