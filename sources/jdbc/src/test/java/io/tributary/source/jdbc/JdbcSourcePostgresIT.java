package io.tributary.source.jdbc;

import io.tributary.core.ColumnType;
import io.tributary.testsupport.TestPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The jdbc source contract against a real PostgreSQL (local server or embedded), one fresh schema per test. */
class JdbcSourcePostgresIT extends JdbcSourceContract {

  private String schema;

  @Override
  JdbcSourceConfig freshConfig() {
    schema = TestPostgres.freshSchema("jdbc_src");
    return new JdbcSourceConfig(TestPostgres.url(), TestPostgres.user(), null, schema, 5);
  }

  @Override
  Connection connect() throws SQLException {
    Connection c = TestPostgres.connect();
    c.setSchema(schema);
    return c;
  }

  @Override
  String timestampType() {
    return "TIMESTAMP(6)";
  }

  @Override
  List<String> typesTableSql() {
    return List.of(
        "CREATE TABLE types (id integer PRIMARY KEY, s varchar(20), t text, i int, b bigint, d numeric(12,2),"
            + " f double precision, ok boolean, due date, ts timestamp(6), tstz timestamptz, doc jsonb)",
        "INSERT INTO types VALUES (1, 'h\u00e9llo \uD83D\uDE42', 'long text', 42, 9007199254740993, 1234.50, 2.5,"
            + " true, '2024-02-29', '2024-03-01 12:34:56.789012', '2024-03-01 12:34:56.789012+02',"
            + " '{\"a\": [1, 2]}')");
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
