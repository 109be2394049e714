package io.tributary.sink.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.Cursor;
import io.tributary.core.JobContext;
import io.tributary.core.Row;
import io.tributary.core.RunInfo;
import io.tributary.core.StreamSchema;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.WriteMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Two runs of a {@code customers} stream against the JDBC double, driven the way the engine drives a sink: open,
 * resume after the committed position, one transaction of the sink's manager per chunk, finish. Run 2 adds a column
 * ({@code tier}), widens {@code amount} from DECIMAL(12,2) to DECIMAL(14,2), repeats a key inside a chunk, updates a
 * run-1 row and soft-deletes another by key only.
 */
final class DatabricksSinkTestSupport {

  static final Instant RUN_1_AT = Instant.parse("2024-05-01T00:00:00Z");
  static final Instant RUN_2_AT = Instant.parse("2024-05-02T00:00:00Z");

  static final StreamSchema RUN_1_SCHEMA = new StreamSchema("customers", List.of(
      Column.of("id", ColumnType.INTEGER), Column.of("name", ColumnType.STRING), Column.decimal("amount", 12, 2),
      Column.of("signup", ColumnType.DATE), Column.of("updated_at", ColumnType.TIMESTAMP),
      Column.of("active", ColumnType.BOOLEAN), Column.of("score", ColumnType.DOUBLE),
      Column.of("attrs", ColumnType.JSON)), List.of("id"));
  static final StreamSchema RUN_2_SCHEMA = new StreamSchema("customers", List.of(
      Column.of("id", ColumnType.INTEGER), Column.of("name", ColumnType.STRING), Column.decimal("amount", 14, 2),
      Column.of("signup", ColumnType.DATE), Column.of("updated_at", ColumnType.TIMESTAMP),
      Column.of("active", ColumnType.BOOLEAN), Column.of("score", ColumnType.DOUBLE),
      Column.of("attrs", ColumnType.JSON), Column.of("tier", ColumnType.STRING)), List.of("id"));

  static final List<List<Row>> RUN_1 = List.of(
      List.of(row(1L, "Ada", "12.50", "2024-01-02", "2024-03-01T10:00:00.123456Z", true, 1.5, "{\"tier\":\"gold\"}"),
          row(2L, "Grace, \"the\" admiral", "-3.10", "2023-12-31", "2024-03-01T11:00:00Z", false, null, null)),
      List.of(row(3L, "Linus", "1000000.00", "2024-02-29", "2024-03-01T12:00:00Z", true, -0.25,
          "{\"tags\":[\"a\",\"b\"]}")));
  static final List<List<Row>> RUN_2 = List.of(
      List.of(row(4L, "Ken", "0.01", "2024-03-02", "2024-03-02T10:00:00Z", false, 9.75, null, "t1"),
          row(4L, "Ken Thompson", "0.02", "2024-03-02", "2024-03-02T11:00:00Z", true, 9.5, null, "t2")),
      List.of(row(3L, "Linus T.", "123456789012.99", "2024-02-29", "2024-03-02T09:00:00Z", true, -0.25, null, "t3"),
          new Row(new Object[] {2L, null, null, null, null, null, null, null, null}, true)),
      List.of(row(5L, "", null, null, null, null, null, null, null)));

  private DatabricksSinkTestSupport() {}

  static DatabricksSink sink(DatabricksJdbcDouble db, Path spool) {
    DatabricksSinkConfig config = new DatabricksSinkConfig("dbc-test.cloud.databricks.com",
        "/sql/1.0/warehouses/abc123", "tributary-sp", null, null, "main", "raw", null);
    return new DatabricksSink(config, new JobContext("erp", Path.of("jobs/erp.yml"), Path.of(".")), db, spool);
  }

  static TableSpec spec(StreamSchema schema, WriteMode mode, long instance, long runId, Instant at) {
    return new TableSpec("customers", "customers", schema, mode, new RunInfo("erp", instance, runId, at));
  }

  static Cursor position(int chunk) {
    return Cursor.of("updated_at", "chunk-" + chunk);
  }

  /** Opens, resumes after the committed chunk, writes the rest one transaction each, finishes. */
  static void load(DatabricksSink sink, TableSpec spec, List<List<Row>> chunks) {
    try (TableWriter writer = sink.open(spec)) {
      Optional<Cursor> committed = writer.committedPosition();
      int start = 0;
      for (int i = 0; i < chunks.size(); i++) {
        if (committed.isPresent() && committed.get().equals(position(i))) {
          start = i + 1;
        }
      }
      for (int i = start; i < chunks.size(); i++) {
        int k = i;
        sink.inChunk(() -> writer.write(chunks.get(k), List.of(), position(k)));
      }
      writer.finish();
    }
  }

  /** Every row of a table, columns joined by "|", in H2's own text form, ordered by the given SQL. */
  static List<String> dump(DatabricksJdbcDouble db, String table, String orderBy) {
    try (Connection c = db.h2();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM \"raw\".\"" + table + "\" ORDER BY " + orderBy)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        StringJoiner line = new StringJoiner("|");
        for (int i = 1; i <= md.getColumnCount(); i++) {
          line.add(String.valueOf(rs.getString(i)));
        }
        out.add(line.toString());
      }
      return out;
    } catch (SQLException e) {
      if (e.getErrorCode() == 42104) {
        return List.of();
      }
      throw new IllegalStateException(e);
    }
  }

  /** The given columns of every row, joined by "|", ordered by those columns. */
  static List<String> select(DatabricksJdbcDouble db, String table, String columns) {
    return dump(db, table, columns).isEmpty() ? List.of() : selectRows(db, table, columns);
  }

  private static List<String> selectRows(DatabricksJdbcDouble db, String table, String columns) {
    try (Connection c = db.h2();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + columns + " FROM \"raw\".\"" + table + "\" ORDER BY " + columns)) {
      List<String> out = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringJoiner line = new StringJoiner("|");
        for (int i = 1; i <= n; i++) {
          line.add(String.valueOf(rs.getString(i)));
        }
        out.add(line.toString());
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Compares with the golden file; {@code -Dgolden.update=true} rewrites it (review the diff before committing). */
  static void assertGolden(String resource, List<String> actual) {
    String text = String.join("\n", actual) + "\n";
    // the module's folder when Maven runs the test, the repository's when an IDE does
    Path module = Path.of("src/test/resources/sink/databricks/golden");
    Path source = (Files.isDirectory(module) ? module
        : Path.of("sinks/databricks/src/test/resources/sink/databricks/golden")).resolve(resource);
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.writeString(source, text);
      }
      try (InputStream in = DatabricksSinkTestSupport.class.getResourceAsStream("/sink/databricks/golden/" + resource)) {
        String expected = Files.exists(source) ? Files.readString(source)
            : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text).isEqualTo(expected);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Row row(Object... v) {
    Object[] values = Arrays.copyOf(v, v.length);
    values[2] = v[2] == null ? null : new BigDecimal((String) v[2]);
    values[3] = v[3] == null ? null : LocalDate.parse((String) v[3]);
    values[4] = v[4] == null ? null : Instant.parse((String) v[4]);
    return new Row(values, false);
  }
}
