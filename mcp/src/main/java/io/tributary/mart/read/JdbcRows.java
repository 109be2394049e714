package io.tributary.mart.read;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a JDBC result into a {@link QueryResult}: up to {@code limit} rows, values as typed JSON. */
final class JdbcRows {

  private JdbcRows() {}

  static QueryResult read(ResultSet rs, int limit) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    List<QueryResult.Column> columns = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      columns.add(new QueryResult.Column(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    boolean truncated = false;
    while (rs.next()) {
      if (rows.size() == limit) {
        truncated = true;
        break;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= columns.size(); i++) {
        row.put(columns.get(i - 1).name(), json(rs.getObject(i)));
      }
      rows.add(row);
    }
    return new QueryResult(columns, rows, truncated);
  }

  static Object json(Object v) throws SQLException {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof BigDecimal
        || v instanceof Long || v instanceof Integer || v instanceof Double || v instanceof Short) {
      return v;
    }
    if (v instanceof Number n) {
      return n instanceof Float f ? Double.valueOf(f) : new BigDecimal(n.toString());
    }
    if (v instanceof Timestamp t) {
      return t.toLocalDateTime().toString();
    }
    if (v instanceof Date d) {
      return d.toLocalDate().toString();
    }
    if (v instanceof Time t) {
      return t.toLocalTime().toString();
    }
    if (v instanceof Array a) {
      List<Object> out = new ArrayList<>();
      for (Object o : (Object[]) a.getArray()) {
        out.add(json(o));
      }
      return out;
    }
    return v.toString();
  }
}
