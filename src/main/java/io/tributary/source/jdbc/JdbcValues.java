package io.tributary.source.jdbc;

import io.tributary.core.JsonText;
import io.tributary.core.TributaryException;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Converts between JDBC values, the core Java types ({@link io.tributary.core.ColumnType}) and the plain strings
 * cursors hold: ISO-8601 instants for timestamps, ISO dates, plain numbers.
 */
final class JdbcValues {

  private final ZoneId zone;

  JdbcValues(ZoneId zone) {
    this.zone = zone;
  }

  Object read(ResultSet rs, int index, JdbcColumn column) throws SQLException {
    Object value = switch (column.type()) {
      case INTEGER -> rs.getLong(index);
      case DECIMAL -> rs.getBigDecimal(index);
      case DOUBLE -> rs.getDouble(index);
      case BOOLEAN -> rs.getBoolean(index);
      case DATE -> rs.getObject(index, LocalDate.class);
      case TIMESTAMP -> column.zoned()
          ? toInstant(rs.getObject(index, OffsetDateTime.class))
          : toInstant(rs.getObject(index, LocalDateTime.class));
      case STRING -> rs.getString(index);
      case JSON -> json(rs.getString(index));
    };
    return rs.wasNull() ? null : value;
  }

  /** A json column's text: the database validated it on write, so the mapper need not parse it again. */
  private static JsonText json(String text) {
    return text == null ? null : new JsonText(text);
  }

  /** The cursor text of a value read by {@link #read}. */
  static String format(Object value) {
    return value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
  }

  /** Binds cursor text back as the column's SQL type. */
  void bind(PreparedStatement ps, int index, JdbcColumn column, String text) throws SQLException {
    try {
      switch (column.type()) {
        case INTEGER -> ps.setLong(index, Long.parseLong(text));
        case DECIMAL -> ps.setBigDecimal(index, new BigDecimal(text));
        case DOUBLE -> ps.setDouble(index, Double.parseDouble(text));
        case BOOLEAN -> ps.setBoolean(index, Boolean.parseBoolean(text));
        case DATE -> ps.setObject(index, LocalDate.parse(text));
        case TIMESTAMP -> bindInstant(ps, index, column, Instant.parse(text));
        case STRING, JSON -> ps.setString(index, text);
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      throw TributaryException.config(
          "cursor value '" + text + "' for column " + column.label() + " is not a " + column.type(),
          "the saved watermark does not match the column type; run once with --full-refresh");
    }
  }

  /** Binds the lowest cursor value a read should include: the watermark minus the lookback. */
  void bindLowerBound(PreparedStatement ps, int index, JdbcColumn column, String text, Duration lookback)
      throws SQLException {
    switch (column.type()) {
      case TIMESTAMP -> bindInstant(ps, index, column, Instant.parse(text).minus(lookback));
      case DATE -> ps.setObject(index, LocalDate.parse(text).minusDays(
          (lookback.toSeconds() + 86_399) / 86_400));
      default -> bind(ps, index, column, text);
    }
  }

  /** The value a NULL cursor column sorts as: it orders before every real value in practice. */
  void bindNullSentinel(PreparedStatement ps, int index, JdbcColumn column) throws SQLException {
    switch (column.type()) {
      case INTEGER -> ps.setLong(index, Long.MIN_VALUE);
      case DECIMAL -> ps.setBigDecimal(index, new BigDecimal("-1E+18"));
      case DOUBLE -> ps.setDouble(index, -Double.MAX_VALUE);
      case BOOLEAN -> ps.setBoolean(index, false);
      case DATE -> ps.setObject(index, LocalDate.EPOCH);
      case TIMESTAMP -> bindInstant(ps, index, column, Instant.EPOCH);
      case STRING, JSON -> ps.setString(index, "");
    }
  }

  private void bindInstant(PreparedStatement ps, int index, JdbcColumn column, Instant instant) throws SQLException {
    if (column.zoned()) {
      ps.setObject(index, instant.atOffset(ZoneOffset.UTC));
    } else {
      ps.setObject(index, LocalDateTime.ofInstant(instant, zone));
    }
  }

  private Instant toInstant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }

  private Instant toInstant(LocalDateTime value) {
    return value == null ? null : value.atZone(zone).toInstant();
  }
}
