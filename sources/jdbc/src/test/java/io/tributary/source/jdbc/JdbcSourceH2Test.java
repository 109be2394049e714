package io.tributary.source.jdbc;

import io.tributary.core.ColumnType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The jdbc source contract against an in-memory H2 (upper-case names, ANSI quoting), one database per test. */
class JdbcSourceH2Test extends JdbcSourceContract {

  private String url;

  @Override
  JdbcSourceConfig freshConfig() {
    url = "jdbc:h2:mem:src_" + UUID.randomUUID().toString().substring(0, 8) + ";DB_CLOSE_DELAY=-1";
    return new JdbcSourceConfig(url, "sa", null, "public", 5);
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, "sa", "");
  }

  @Override
  String timestampType() {
    return "TIMESTAMP(6)";
  }

  @Override
  List<String> typesTableSql() {
    return List.of(
        "CREATE TABLE types (id INT PRIMARY KEY, s VARCHAR(20), t CHARACTER LARGE OBJECT, i INT, b BIGINT,"
            + " d NUMERIC(12,2), f DOUBLE PRECISION, ok BOOLEAN, due DATE, ts TIMESTAMP(6),"
            + " tstz TIMESTAMP(6) WITH TIME ZONE, doc JSON)",
        "INSERT INTO types VALUES (1, 'h\u00e9llo \uD83D\uDE42', 'long text', 42, 9007199254740993, 1234.50, 2.5,"
            + " true, '2024-02-29', '2024-03-01 12:34:56.789012', '2024-03-01 12:34:56.789012+02',"
            + " '{\"a\": [1, 2]}' FORMAT JSON)");
  }

  @Override
  Map<String, ColumnType> expectedTypes() {
    Map<String, ColumnType> m = new LinkedHashMap<>();
    m.put("id", ColumnType.INTEGER);
    m.put("s", ColumnType.STRING);
    m.put("t", ColumnType.STRING);
    m.put("i", ColumnType.INTEGER);
    m.put("b", ColumnType.INTEGER);
    m.put("d", ColumnType.DECIMAL);
    m.put("f", ColumnType.DOUBLE);
    m.put("ok", ColumnType.BOOLEAN);
    m.put("due", ColumnType.DATE);
    m.put("ts", ColumnType.TIMESTAMP);
    m.put("tstz", ColumnType.TIMESTAMP);
    m.put("doc", ColumnType.JSON);
    return m;
  }

  @Override
  Map<String, Object> expectedValues() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", 1L);
    m.put("s", "h\u00e9llo \uD83D\uDE42");
    m.put("t", "long text");
    m.put("i", 42L);
    m.put("b", 9007199254740993L);
    m.put("d", new BigDecimal("1234.50"));
    m.put("f", 2.5);
    m.put("ok", true);
    m.put("due", LocalDate.of(2024, 2, 29));
    m.put("ts", Instant.parse("2024-03-01T12:34:56.789012Z"));
    m.put("tstz", Instant.parse("2024-03-01T10:34:56.789012Z"));
    m.put("doc", "{\"a\": [1, 2]}");
    return m;
  }
}
