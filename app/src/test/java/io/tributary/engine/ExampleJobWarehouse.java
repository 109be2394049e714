package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a shipped {@code jobs/*.yml} example (its {@code sandbox:} block starts the simulator in-process, with fewer
 * rows) into DuckDB or into a PostgreSQL database of the test's own, through the real CLI, and reads the warehouse
 * back as plain rows. The marts' tests compute their expectations from those raw rows in Java.
 */
final class ExampleJobWarehouse implements AutoCloseable {

  enum Kind { DUCKDB, POSTGRES }

  private static final String PG_SERVER = "jdbc:postgresql://127.0.0.1:5432/";

  private final Path dir;
  private final Kind kind;
  private final String database;
  private final CliRunner cli;
  private Path duckDb;

  ExampleJobWarehouse(Path dir, Kind kind) throws SQLException {
    this.dir = dir;
    this.kind = kind;
    this.cli = new CliRunner(dir.resolve("state"));
    this.database = kind == Kind.POSTGRES ? "marts_" + UUID.randomUUID().toString().substring(0, 8) : null;
    if (database != null) {
      admin("CREATE DATABASE " + database);
    }
  }

  /** Runs the example with the sink pointed here and {@code rows: N} of its sandbox set to {@code rows}. */
  CliRunner.Result run(String example, int rows, String... replacements) throws Exception {
    String yaml = Files.readString(Path.of(example)).replaceAll("rows: \\d+", "rows: " + rows);
    for (int i = 0; i + 1 < replacements.length; i += 2) {
      yaml = yaml.replace(replacements[i], replacements[i + 1]);
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("path: warehouse/([a-z0-9_]+)\\.duckdb").matcher(yaml);
    assertThat(m.find()).as(example + " writes to a DuckDB file under warehouse/").isTrue();
    if (kind == Kind.DUCKDB) {
      duckDb = dir.resolve(m.group(1) + ".duckdb");
      yaml = m.replaceFirst("path: " + duckDb.toAbsolutePath());
    } else {
      yaml = m.replaceFirst("url: \"" + PG_SERVER + database + "\"\n  user: postgres").replace("type: duckdb",
          "type: postgres");
    }
    Path job = Files.writeString(dir.resolve(Path.of(example).getFileName()), yaml);
    CliRunner.Result result = cli.run("run", job.toString());
    assertThat(result.exitCode()).as(result.output()).isEqualTo(0);
    return result;
  }

  /** Every row of a query, column name to JDBC value (BigDecimal, Long, Boolean...). */
  List<Map<String, Object>> rows(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<Map<String, Object>> out = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object v = rs.getObject(i);
          row.put(md.getColumnLabel(i), v instanceof Number n && !(v instanceof BigDecimal)
              && !(v instanceof Double) ? (Object) n.longValue() : v);
        }
        out.add(row);
      }
      return out;
    }
  }

  private Connection connect() throws SQLException {
    if (kind == Kind.DUCKDB) {
      java.util.Properties p = new java.util.Properties();
      p.setProperty("duckdb.read_only", "true");
      return DriverManager.getConnection("jdbc:duckdb:" + duckDb.toAbsolutePath(), p);
    }
    return DriverManager.getConnection(PG_SERVER + database, "postgres", "");
  }

  private static void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(PG_SERVER + "test", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public void close() throws SQLException {
    if (database != null) {
      admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  /** A decimal as the mart holds it: {@code scale} places, half away from zero (both warehouses' cast). */
  static String money(BigDecimal v, int scale) {
    return v.setScale(scale, java.math.RoundingMode.HALF_UP).toPlainString();
  }

  static BigDecimal decimal(Object v) {
    return v == null ? BigDecimal.ZERO : new BigDecimal(v.toString());
  }

  static boolean live(Map<String, Object> row) {
    return !Boolean.TRUE.equals(row.get("_tributary_deleted"));
  }
}
