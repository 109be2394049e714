package io.tributary.reliability;

import io.tributary.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * JDBC source (a PostgreSQL table of {@code rows} customers, 50 sharing each {@code updated_at}, so the (updated_at,
 * id) tie-break matters at page edges) into the PostgreSQL or DuckDB sink, merge mode, incremental on updated_at,
 * soft deletes from a flag. Between the kill and the rerun 20 rows change, 5 are added and 3 are soft-deleted.
 */
final class JdbcChaosScenario implements ChaosScenario {

  enum Warehouse { POSTGRES, DUCKDB }

  private final Warehouse warehouse;
  private final int rows;
  private final int chunkSize;
  private String src;
  private String dst;
  private Path duckdb;
  private int nextId;
  private int version;

  JdbcChaosScenario(Warehouse warehouse, int rows, int chunkSize) {
    this.warehouse = warehouse;
    this.rows = rows;
    this.chunkSize = chunkSize;
  }

  @Override
  public String name() {
    return "jdbc-" + warehouse.name().toLowerCase();
  }

  @Override
  public Path prepare(Path dir) throws Exception {
    dropSchemas();
    Files.createDirectories(dir);
    src = TestPostgres.freshSchema("chaos_src");
    pg("CREATE TABLE " + src + ".customers (id bigint PRIMARY KEY, name text, balance numeric(12,2),"
        + " is_deleted boolean NOT NULL DEFAULT false, updated_at timestamptz NOT NULL)");
    pg("INSERT INTO " + src + ".customers SELECT g, 'Customer ' || g, g * 1.25, false,"
        + " timestamptz '2024-01-01 00:00:00+00' + (g / 50) * interval '1 minute' FROM generate_series(1, " + rows
        + ") g");
    nextId = rows + 1;
    String sink;
    if (warehouse == Warehouse.POSTGRES) {
      dst = TestPostgres.freshSchema("chaos_dst");
      sink = "{ type: postgres, url: \"%s\", user: %s, schema: %s }".formatted(TestPostgres.url(),
          TestPostgres.user(), dst);
    } else {
      duckdb = dir.resolve("warehouse.duckdb").toAbsolutePath();
      sink = "{ type: duckdb, path: \"" + duckdb + "\", schema: raw }";
    }
    return Files.writeString(dir.resolve("chaos_" + name().replace('-', '_') + ".yml"), """
        source: { type: jdbc, url: "%s", user: %s, schema: %s }
        sink: %s
        chunk_size: %d
        streams:
          - name: customers
            primary_key: [id]
            cursor: updated_at
            page_size: 700
            deleted_when: { field: is_deleted, equals: "true" }
            fields:
              - { name: id, type: integer }
              - { name: name }
              - { name: balance, type: "decimal(12,2)" }
              - { name: updated_at, type: timestamp }
        """.formatted(TestPostgres.url(), TestPostgres.user(), src, sink, chunkSize));
  }

  @Override
  public void mutate(Random random) throws SQLException {
    version++;
    String at = "timestamptz '2024-06-01 00:00:00+00' + interval '" + version + " minutes'";
    StringBuilder changed = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      changed.append(i == 0 ? "" : ",").append(1 + random.nextInt(rows));
    }
    pg("UPDATE " + src + ".customers SET name = name || ' v" + version + "', balance = balance + 1, updated_at = "
        + at + " WHERE id IN (" + changed + ")");
    pg("INSERT INTO " + src + ".customers SELECT g, 'New ' || g, 1, false, " + at + " FROM generate_series("
        + nextId + ", " + (nextId + 4) + ") g");
    nextId += 5;
    StringBuilder deleted = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      deleted.append(i == 0 ? "" : ",").append(1 + random.nextInt(rows));
    }
    pg("UPDATE " + src + ".customers SET is_deleted = true, updated_at = " + at + " WHERE id IN (" + deleted + ")");
  }

  @Override
  public Map<String, String> truth() throws SQLException {
    Map<String, String> m = new HashMap<>();
    try (Connection c = TestPostgres.connect()) {
      for (Map.Entry<String, String> e : rows(c, "SELECT id, name || '|' || balance::text || '|' || is_deleted::text"
          + " || '|' || (extract(epoch FROM updated_at) * 1000)::bigint FROM " + src + ".customers")) {
        m.put(e.getKey(), e.getValue());
      }
    }
    return m;
  }

  @Override
  public List<Map.Entry<String, String>> warehouse() throws SQLException {
    if (warehouse == Warehouse.POSTGRES) {
      try (Connection c = TestPostgres.connect()) {
        return rows(c, "SELECT id, name || '|' || balance::text || '|' || _tributary_deleted::text || '|' ||"
            + " (extract(epoch FROM updated_at) * 1000)::bigint FROM " + dst + ".customers");
      }
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + duckdb)) {
      return rows(c, "SELECT id, name || '|' || CAST(balance AS VARCHAR) || '|' || CAST(_tributary_deleted AS VARCHAR)"
          + " || '|' || epoch_ms(updated_at) FROM raw.customers");
    }
  }

  private static List<Map.Entry<String, String>> rows(Connection c, String sql) throws SQLException {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(new AbstractMap.SimpleEntry<>(rs.getString(1), rs.getString(2)));
      }
    }
    return out;
  }

  private void dropSchemas() throws SQLException {
    for (String schema : new String[] {src, dst}) {
      if (schema != null) {
        pg("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
    src = null;
    dst = null;
  }

  @Override
  public void close() throws SQLException {
    dropSchemas();
  }

  private static void pg(String sql) throws SQLException {
    try (Connection c = TestPostgres.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
