package io.tributary.sink.duckdb;

import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.Row;
import io.tributary.core.RunInfo;
import io.tributary.core.StreamSchema;
import io.tributary.core.TableSpec;
import io.tributary.core.WriteMode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test fixtures: a small accounts stream and a reader that turns a DuckDB table into comparable maps. */
final class DuckDbTestTables {

  static final Instant EXTRACTED = Instant.parse("2024-05-01T10:00:00Z");
  static final StreamSchema ACCOUNTS = new StreamSchema("accounts",
      List.of(Column.of("id", ColumnType.INTEGER).notNull(), Column.of("name", ColumnType.STRING),
          Column.decimal("amount", 18, 2)),
      List.of("id"));

  private DuckDbTestTables() {}

  static TableSpec spec(String table, StreamSchema schema, WriteMode mode, long instanceId, long runId) {
    return new TableSpec(schema.name(), table, schema, mode, new RunInfo("demo", instanceId, runId, EXTRACTED));
  }

  static Row row(Object... values) {
    return new Row(values, false);
  }

  static Row deleted(Object... values) {
    return new Row(values, true);
  }

  static Row account(long id, String name, String amount) {
    return row(id, name, amount == null ? null : new BigDecimal(amount));
  }

  /** Every row of {@code sql}, each a column → value map; timestamps as Instant, everything else as JDBC returns. */
  static List<Map<String, Object>> query(DuckDbSink sink, String sql) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection c = sink.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object v = rs.getObject(i);
          row.put(md.getColumnName(i), v instanceof OffsetDateTime t ? t.toInstant() : v);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  static long count(DuckDbSink sink, String table) throws SQLException {
    return ((Number) query(sink, "SELECT count(*) AS n FROM " + table).get(0).get("n")).longValue();
  }

  /** {@code id|name|amount|deleted|run} per row ordered by id, for compact exact comparisons. */
  static List<String> accounts(DuckDbSink sink, String table) throws SQLException {
    List<String> lines = new ArrayList<>();
    for (Map<String, Object> r : query(sink, "SELECT id, name, amount, _tributary_deleted AS d,"
        + " _tributary_run_id AS run FROM raw." + table + " ORDER BY id")) {
      Object amount = r.get("amount");
      lines.add(r.get("id") + "|" + r.get("name") + "|"
          + (amount == null ? null : ((BigDecimal) amount).toPlainString()) + "|" + r.get("d") + "|" + r.get("run"));
    }
    return lines;
  }
}
