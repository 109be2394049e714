package io.tributary.reliability;

import java.io.IOException;
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

/**
 * One bad-input case: a drop folder with one file, a job loading it into a DuckDB file with the given stream
 * {@code fields:}, run through the real CLI. Reads back the table and the quarantine.
 */
final class BadInputLoad {

  /** What one run left behind. */
  /** {@code quarantine}: source_key + " " + reasons of each quarantine row, in key order. */
  record Outcome(int exitCode, String output, List<Map<String, Object>> rows, List<String> quarantine) {}

  private final Path dir;

  BadInputLoad(Path dir) {
    this.dir = dir;
  }

  /** The same case into the PostgreSQL sink (a fresh schema). */
  Outcome runPostgres(String ext, byte[] bytes, String extra) throws IOException, SQLException {
    String schema = io.tributary.testsupport.TestPostgres.freshSchema("badinput");
    Path job = writeJob(ext, bytes, extra, "{ type: postgres, url: \"" + io.tributary.testsupport.TestPostgres.url()
        + "\", user: " + io.tributary.testsupport.TestPostgres.user() + ", schema: " + schema + " }");
    Cli.Result r = new Cli(dir.resolve("state")).run("run", job.toString());
    try (Connection c = io.tributary.testsupport.TestPostgres.connect()) {
      List<Map<String, Object>> rows = pgExists(c, schema, "s") ? query(c, "SELECT id, s FROM " + schema
          + ".s ORDER BY id") : List.of();
      List<String> quarantine = pgExists(c, schema, "_tributary_quarantine") ? query(c, "SELECT coalesce(source_key,"
          + " '') || ' ' || reasons AS q FROM " + schema + "._tributary_quarantine ORDER BY 1").stream()
          .map(m -> String.valueOf(m.get("q"))).toList() : List.of();
      return new Outcome(r.exitCode(), r.output(), rows, quarantine);
    }
  }

  private static boolean pgExists(Connection c, String schema, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
            + schema + "' AND table_name = '" + table + "'")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }

  private Path writeJob(String ext, byte[] bytes, String extra, String sink) throws IOException {
    Path drop = Files.createDirectories(dir.resolve("drop"));
    Files.write(drop.resolve("s." + ext), bytes);
    return Files.writeString(dir.resolve("bad_input.yml"), """
        source: { type: file, dir: "%s" }
        sink: %s
        chunk_size: 100
        skip_limit: 100
        streams:
          - name: s
            primary_key: [id]
            options: { pattern: "s.%s" }
        %s
        """.formatted(drop.toAbsolutePath(), sink, ext, extra.indent(4).stripTrailing()));
  }

  /** Runs {@code s.<ext>} holding {@code bytes} with the stream block's {@code extra} YAML (fields, mode...). */
  Outcome run(String ext, byte[] bytes, String extra) throws IOException, SQLException {
    Path drop = Files.createDirectories(dir.resolve("drop"));
    Files.write(drop.resolve("s." + ext), bytes);
    Path db = dir.resolve("w.duckdb");
    Path job = Files.writeString(dir.resolve("bad_input.yml"), """
        source: { type: file, dir: "%s" }
        sink: { type: duckdb, path: "%s", schema: raw }
        chunk_size: 100
        skip_limit: 100
        streams:
          - name: s
            primary_key: [id]
            options: { pattern: "s.%s" }
        %s
        """.formatted(drop.toAbsolutePath(), db.toAbsolutePath(), ext, extra.indent(4).stripTrailing()));
    Cli.Result r = new Cli(dir.resolve("state")).run("run", job.toString());
    List<Map<String, Object>> rows = List.of();
    List<String> quarantine = List.of();
    if (Files.exists(db)) {
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath())) {
        if (exists(c, "s")) {
          rows = query(c, "SELECT * EXCLUDE (_tributary_extracted_at, _tributary_run_id, _tributary_deleted)"
              + " FROM raw.s ORDER BY id");
        }
        if (exists(c, "_tributary_quarantine")) {
          quarantine = query(c, "SELECT source_key || ' ' || reasons AS q FROM raw._tributary_quarantine"
              + " ORDER BY source_key, reasons").stream().map(m -> String.valueOf(m.get("q"))).toList();
        }
      }
    }
    return new Outcome(r.exitCode(), r.output(), rows, quarantine);
  }

  private static boolean exists(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'raw'"
            + " AND table_name = '" + table + "'")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }

  static List<Map<String, Object>> query(Connection c, String sql) throws SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.put(md.getColumnLabel(i), rs.getObject(i));
        }
        out.add(row);
      }
    }
    return out;
  }
}
