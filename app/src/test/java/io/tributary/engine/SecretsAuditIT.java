package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testsupport.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs jobs whose secrets are known marker values, including a failing run and a restart, then scans everything
 * Tributary wrote (job repository tables including job parameters and ExecutionContexts, the log file, warehouse
 * tables, quarantine rows, status output) for the markers. There must be no hit.
 */
@Tag("db")
class SecretsAuditIT {

  private static final String SOURCE_MARKER = "MARKER-src-7f3a9c";
  private static final String SINK_MARKER = "MARKER-dst-42b1e0";

  @TempDir
  Path dir;

  @Test
  void noSecretValueIsWrittenAnywhere() throws Exception {
    String src = TestPostgres.freshSchema("src");
    String dst = TestPostgres.freshSchema("dst");
    try (Connection c = TestPostgres.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + src + ".t (id bigint PRIMARY KEY, v text, updated_at timestamptz NOT NULL)");
      s.execute("INSERT INTO " + src + ".t SELECT g, CASE WHEN g % 100 = 0 THEN repeat('x', 30) ELSE 'v' || g END,"
          + " now() FROM generate_series(1, 2000) g");
    }
    Path srcSecret = Files.writeString(dir.resolve("src.secret"), SOURCE_MARKER);
    Path dstSecret = Files.writeString(dir.resolve("dst.secret"), SINK_MARKER);
    Path log = dir.resolve("tributary.log");
    System.setProperty("TRIBUTARY_LOG_FILE", log.toString());
    Path job = Files.writeString(dir.resolve("audit.yml"), """
        source: { type: jdbc, url: "%s", user: %s, password: "${file:%s}", schema: %s }
        sink: { type: postgres, url: "%s", user: %s, password: "${file:%s}", schema: %s }
        chunk_size: 300
        streams:
          - name: t
            primary_key: [id]
            cursor: updated_at
            fields: [{ name: id, type: integer }, { name: v, max_length: 20 }, { name: updated_at, type: timestamp }]
        """.formatted(TestPostgres.url(), TestPostgres.user(), srcSecret, src, TestPostgres.url(),
        TestPostgres.user(), dstSecret, dst));
    CliRunner cli = new CliRunner(dir.resolve("state"));
    List<String> outputs = new ArrayList<>();
    outputs.add(cli.run("run", job.toString(), "--fail-after-chunks", "2").output());
    outputs.add(cli.run("run", job.toString()).output());
    outputs.add(cli.run("status").output());
    outputs.add(cli.run("check", job.toString()).output());
    assertThat(outputs.get(1)).contains("COMPLETED");

    List<String> hits = new ArrayList<>();
    outputs.forEach(o -> scanText("command output", o, hits));
    scanFiles(dir.resolve("state"), hits);
    scanFiles(Path.of(".tributary/logs"), hits);
    if (Files.exists(log)) {
      scanText(log.toString(), Files.readString(log, StandardCharsets.UTF_8), hits);
    }
    try (Connection h2 = DriverManager.getConnection("jdbc:h2:file:"
        + dir.resolve("state").resolve("repository").toAbsolutePath() + ";ACCESS_MODE_DATA=r", "sa", "")) {
      scanDatabase(h2, "PUBLIC", hits);
    }
    try (Connection pg = TestPostgres.connect()) {
      scanDatabase(pg, dst, hits);
      assertThat(count(pg, dst + "._tributary_quarantine")).isEqualTo(20);
    }
    assertThat(hits).as("places a secret value was found").isEmpty();
  }

  private static void scanText(String where, String text, List<String> hits) {
    for (String marker : List.of(SOURCE_MARKER, SINK_MARKER)) {
      if (text.contains(marker)) {
        hits.add(where + " contains " + marker);
      }
    }
  }

  private static void scanFiles(Path root, List<String> hits) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        scanText(f.toString(), bytes, hits);
      }
    }
  }

  /** Every text-like column of every table in the schema (job parameters, serialized ExecutionContexts too). */
  private static void scanDatabase(Connection c, String schema, List<String> hits) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        tables.add(rs.getString("TABLE_NAME"));
      }
    }
    assertThat(tables).isNotEmpty();
    for (String table : tables) {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM \"" + schema + "\".\"" + table + "\"")) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          for (int i = 1; i <= md.getColumnCount(); i++) {
            String v = rs.getString(i);
            if (v != null) {
              scanText(schema + "." + table + "." + md.getColumnName(i), v, hits);
            }
          }
        }
      }
    }
  }

  private static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
