package io.tributary.source.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tributary.core.ColumnType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The jdbc source contract against a real MariaDB at 127.0.0.1:3306 (user root, no password), one fresh database
 * per test. Skipped, with the reason, when no MariaDB answers there.
 */
class JdbcSourceMariaDbIT extends JdbcSourceContract {

  private static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";

  private String database;

  @BeforeAll
  static void requireMariaDb() {
    String reason = null;
    try (Connection c = DriverManager.getConnection(SERVER + "test?connectTimeout=2000", "root", "")) {
      c.isValid(2);
    } catch (SQLException e) {
      reason = e.getMessage();
    }
    assumeTrue(reason == null, "no MariaDB at 127.0.0.1:3306 (" + reason + "): MariaDB contract skipped");
  }

  @Override
  JdbcSourceConfig freshConfig() {
    database = "jdbc_src_" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection c = DriverManager.getConnection(SERVER + "test", "root", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + database, e);
    }
    return new JdbcSourceConfig(SERVER + database, "root", null, null, 5);
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    try (Connection c = DriverManager.getConnection(SERVER + "test", "root", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database);
    }
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection(SERVER + database, "root", "");
  }

  @Override
  String timestampType() {
    return "DATETIME(6)";
  }

  @Override
  List<String> typesTableSql() {
    return List.of(
        "CREATE TABLE types (id int PRIMARY KEY, s varchar(20), t text, i int, b bigint, d decimal(12,2),"
            + " f double, ok boolean, due date, ts datetime(6), doc json)",
        "INSERT INTO types VALUES (1, 'h\u00e9llo \uD83D\uDE42', 'long text', 42, 9007199254740993, 1234.50, 2.5,"
            + " true, '2024-02-29', '2024-03-01 12:34:56.789012', '{\"a\": [1, 2]}')");
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
    m.put("doc", "{\"a\": [1, 2]}");
    return m;
  }
}
