package io.tributary.sink.postgres;

import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.Cursor;
import io.tributary.core.JobContext;
import io.tributary.core.Row;
import io.tributary.core.RunInfo;
import io.tributary.core.StreamSchema;
import io.tributary.core.TableSpec;
import io.tributary.core.WriteMode;
import io.tributary.testsupport.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds sinks on a fresh schema of the test PostgreSQL and reads tables back as text, independently of the sink. */
final class PostgresSinkTestSupport {

  static final Instant RUN_1_AT = Instant.parse("2024-05-01T00:00:00Z");
  static final Instant RUN_2_AT = Instant.parse("2024-05-02T00:00:00Z");

  private PostgresSinkTestSupport() {}

  static PostgresSink sink(String schema) {
    return new PostgresSink(new PostgresSinkConfig(TestPostgres.url(), TestPostgres.user(), null, schema),
        new JobContext("job", Path.of("jobs/job.yml"), Path.of(".")));
  }

  static RunInfo run(long instanceId, long runId, Instant at) {
    return new RunInfo("job", instanceId, runId, at);
  }

  /** accounts(id bigint pk, name text, amount numeric(12,2)). */
  static StreamSchema accounts() {
    return new StreamSchema("accounts",
        List.of(Column.of("id", ColumnType.INTEGER), Column.of("name", ColumnType.STRING),
            Column.decimal("amount", 12, 2)),
        List.of("id"));
  }

  static TableSpec spec(StreamSchema schema, WriteMode mode, RunInfo run) {
    return new TableSpec(schema.name(), schema.name(), schema, mode, run);
  }

  static Row row(Object... values) {
    return new Row(values, false);
  }

  static Row deleted(Object... values) {
    return new Row(values, true);
  }

  static Cursor at(String value) {
    return Cursor.of("updated_at", value);
  }

  /** Every row of {@code schema.table} as column → text (PostgreSQL's own output, UTC), ordered by {@code orderBy}. */
  static List<Map<String, String>> dump(String schema, String table, String orderBy) {
    try (Connection c = TestPostgres.connect();
        Statement s = c.createStatement()) {
      s.execute("SET TIME ZONE 'UTC'");
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT * FROM " + schema + "." + table + " LIMIT 0")) {
        ResultSetMetaData md = rs.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          columns.add(md.getColumnName(i));
        }
      }
      StringBuilder select = new StringBuilder("SELECT ");
      for (int i = 0; i < columns.size(); i++) {
        select.append(i == 0 ? "" : ", ").append('"').append(columns.get(i)).append("\"::text");
      }
      select.append(" FROM ").append(schema).append('.').append(table).append(" ORDER BY ").append(orderBy);
      List<Map<String, String>> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery(select.toString())) {
        while (rs.next()) {
          Map<String, String> row = new LinkedHashMap<>();
          for (int i = 0; i < columns.size(); i++) {
            row.put(columns.get(i), rs.getString(i + 1));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Selected columns of every row, each row as its values joined by "|", in {@code orderBy} order. */
  static List<String> lines(String schema, String table, String columns, String orderBy) {
    return query("SELECT concat_ws('|', " + columns + ") FROM " + schema + "." + table + " ORDER BY " + orderBy);
  }

  static List<String> query(String sql) {
    try (Connection c = TestPostgres.connect();
        Statement s = c.createStatement()) {
      s.execute("SET TIME ZONE 'UTC'");
      List<String> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void execute(String sql) {
    try (Connection c = TestPostgres.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
