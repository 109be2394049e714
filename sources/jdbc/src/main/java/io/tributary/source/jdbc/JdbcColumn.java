package io.tributary.source.jdbc;

import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One column of a table or query as the driver describes it, with its neutral type.
 *
 * @param label the column label the database reports (its case is kept: H2 reports upper case)
 * @param type neutral type
 * @param zoned true for {@code timestamp with time zone}; false means the value is a wall-clock time
 * @param typeName the database's own type name, as reported
 */
record JdbcColumn(String label, ColumnType type, int precision, int scale, boolean nullable, boolean zoned,
    String typeName) {

  /** Columns above this precision are unconstrained (PostgreSQL reports 131089 for plain {@code numeric}). */
  private static final int MAX_DECLARED_PRECISION = 1000;

  static List<JdbcColumn> of(ResultSetMetaData meta) throws SQLException {
    List<JdbcColumn> columns = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      int sqlType = meta.getColumnType(i);
      String rawTypeName = String.valueOf(meta.getColumnTypeName(i));
      String typeName = rawTypeName.toLowerCase(Locale.ROOT);
      ColumnType type = typeOf(sqlType, typeName);
      int precision = meta.getPrecision(i);
      int scale = meta.getScale(i);
      if (type != ColumnType.DECIMAL && type != ColumnType.STRING || precision > MAX_DECLARED_PRECISION) {
        precision = 0;
        scale = type == ColumnType.DECIMAL && scale < MAX_DECLARED_PRECISION ? scale : 0;
      }
      if (type == ColumnType.STRING && (precision <= 0 || precision == Integer.MAX_VALUE)) {
        precision = 0;
      }
      boolean zoned = sqlType == Types.TIMESTAMP_WITH_TIMEZONE || typeName.equals("timestamptz")
          || typeName.contains("with time zone");
      boolean nullable = meta.isNullable(i) != ResultSetMetaData.columnNoNulls;
      columns.add(new JdbcColumn(meta.getColumnLabel(i), type, precision, scale, nullable, zoned,
          rawTypeName));
    }
    return columns;
  }

  static ColumnType typeOf(int sqlType, String typeName) {
    if (typeName.contains("json")) {
      return ColumnType.JSON;
    }
    return switch (sqlType) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> ColumnType.INTEGER;
      case Types.NUMERIC, Types.DECIMAL -> ColumnType.DECIMAL;
      case Types.REAL, Types.FLOAT, Types.DOUBLE -> ColumnType.DOUBLE;
      case Types.BOOLEAN -> ColumnType.BOOLEAN;
      // PostgreSQL reports bool as BIT; MariaDB reports TINYINT(1)/BOOLEAN as BIT
      case Types.BIT -> typeName.startsWith("bit") && !typeName.equals("bit") ? ColumnType.STRING : ColumnType.BOOLEAN;
      case Types.DATE -> ColumnType.DATE;
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> ColumnType.TIMESTAMP;
      default -> ColumnType.STRING;
    };
  }

  Column toColumn() {
    return new Column(label, type, precision, scale, nullable);
  }
}
