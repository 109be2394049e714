package io.tributary.reliability.configspace;

import io.tributary.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads the warehouse with plain SQL (never through Tributary): the target's rows and the quarantined keys. */
final class WarehouseReader {

  /** What the warehouse holds; {@code rows} is null when the target table does not exist. */
  record Contents(List<Map<String, Object>> rows, Set<String> quarantinedKeys, long quarantineRows) {}

  private final JobSpec spec;
  private final String schema;
  private final String duckDbUrl;

  WarehouseReader(JobSpec spec, String schema, java.nio.file.Path duckDbFile) {
    this.spec = spec;
    this.schema = schema;
    this.duckDbUrl = "jdbc:duckdb:" + duckDbFile.toAbsolutePath();
  }

  Connection connect() throws SQLException {
    return spec.sink() == JobSpec.Sink.POSTGRES ? TestPostgres.connect() : DriverManager.getConnection(duckDbUrl);
  }

  Contents read() throws SQLException {
    try (Connection c = connect()) {
      List<Map<String, Object>> rows = exists(c, JobSpec.TABLE) ? rows(c) : null;
      Set<String> keys = new TreeSet<>();
      long count = 0;
      if (exists(c, "_tributary_quarantine")) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT source_key FROM " + schema + "._tributary_quarantine")) {
          while (rs.next()) {
            keys.add(rs.getString(1));
            count++;
          }
        }
      }
      return new Contents(rows, keys, count);
    }
  }

  /** Drops ({@code drop}) or truncates the target, as an operator or a clean-up script might. */
  void tamper(boolean drop) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      if (exists(c, JobSpec.TABLE)) {
        s.execute((drop ? "DROP TABLE " : "DELETE FROM ") + schema + "." + JobSpec.TABLE);
      }
    }
  }

  private List<Map<String, Object>> rows(Connection c) throws SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + schema + "." + JobSpec.TABLE)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.put(md.getColumnLabel(i).toLowerCase(), value(rs, i, md.getColumnTypeName(i).toLowerCase()));
        }
        out.add(row);
      }
    }
    return out;
  }

  /** A column's value in a sink-neutral form: instants for timestamps, longs, dates, booleans, text. */
  private static Object value(ResultSet rs, int i, String type) throws SQLException {
    if (rs.getObject(i) == null) {
      return null;
    }
    if (type.contains("timestamptz") || type.contains("with time zone")) {
      return rs.getObject(i, OffsetDateTime.class).toInstant();
    }
    if (type.startsWith("timestamp")) {
      return rs.getObject(i, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }
    if (type.equals("date")) {
      return rs.getObject(i, LocalDate.class);
    }
    if (type.contains("int")) {
      return rs.getLong(i);
    }
    if (type.startsWith("bool")) {
      return rs.getBoolean(i);
    }
    return rs.getString(i);
  }

  private boolean exists(Connection c, String table) throws SQLException {
    try (ResultSet rs = c.getMetaData().getTables(null, schema, table, null)) {
      return rs.next();
    }
  }

  static Instant instant(String iso) {
    return Instant.parse(iso);
  }
}
