package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Fields with {@code pii: hash|mask} never reach anything persisted or printed in clear: not the quarantine table
 * ({@code raw_record}, {@code reasons}, {@code source_key}), not the console (the skip-limit error lists the first
 * reasons), not the log file. The bad records cover every way a record is quarantined: a CSV record with an extra
 * value and a truncated or mistyped JSON line (the source could not split them into fields), a hashed field failing
 * its {@code regex}, a masked field failing its type, and a hashed primary key of a quarantined record.
 */
@Tag("db")
class PiiNeverInClearIT {

  /** Every PII value of the bad records, as written in the files. */
  private static final List<String> CLEAR = List.of(
      "carol.clear@example.com", "123-45-6789", "CUST-CAROL-77",
      "not-an-email-erin-clear", "CUST-ERIN-55",
      "frank.clear@example.com", "98x-frank-clear", "CUST-FRANK-66",
      "dave.clear@example.com", "CUST-DAVE-44", "gina.token.clear", "CUST-GINA-33");

  @TempDir
  Path dir;

  /** The log file's length when the test started: the file is shared by every test of the JVM and earlier runs. */
  private long logStart;

  @org.junit.jupiter.api.BeforeEach
  void markTheLog() throws IOException {
    Path log = logFile();
    logStart = Files.exists(log) ? Files.size(log) : 0;
  }

  @Test
  void piiValuesOfBadRecordsAppearNowhereInClear() throws Exception {
    Path drop = Files.createDirectories(dir.resolve("drop"));
    Files.writeString(drop.resolve("people.csv"), """
        customer_no,email,ssn,note
        CUST-ALICE-11,alice@example.com,111-22-3333,fine
        CUST-CAROL-77,carol.clear@example.com,123-45-6789,extra,VALUE
        CUST-ERIN-55,not-an-email-erin-clear,222-33-4444,bad email
        CUST-FRANK-66,frank.clear@example.com,98x-frank-clear,bad ssn
        """);
    Files.writeString(drop.resolve("contacts.jsonl"), """
        {"customer_no": "CUST-BOB-22", "email": "bob@example.com", "ssn": "333-44-5555"}
        {"customer_no": "CUST-DAVE-44", "email": "dave.clear@example.com", "ss
        {"customer_no": "CUST-GINA-33", "email": gina.token.clear}
        """);
    Path warehouse = dir.resolve("w.duckdb");
    CliRunner.Result run = new CliRunner(dir.resolve("state")).run("run", job("pii", drop, warehouse, 100).toString());
    assertThat(run.exitCode()).as(run.output()).isEqualTo(0);

    List<String> quarantine = quarantineRows(warehouse);
    assertThat(quarantine).as("one row per bad record").hasSize(5);
    assertThat(String.join("\n", quarantine)).as("the quarantine table").doesNotContain(CLEAR)
        .contains("withheld"); // the unparsed records say why their text is not kept
    assertThat(run.output()).as("the console").doesNotContain(CLEAR);

    CliRunner.Result limited = new CliRunner(dir.resolve("state2"))
        .run("run", job("pii_limited", drop, dir.resolve("w2.duckdb"), 0).toString());
    assertThat(limited.exitCode()).as(limited.output()).isEqualTo(1);
    assertThat(limited.output()).contains("more than skip_limit 0").doesNotContain(CLEAR);

    assertThat(logFileText()).as("the log file").doesNotContain(CLEAR);
  }

  /**
   * A hashed primary key is part of a JDBC stream's resume position: the log line of a resumed run shows it hashed.
   */
  @Test
  void aResumedRunLogsItsPositionWithoutTheClearKey() throws Exception {
    String src = io.tributary.testsupport.TestPostgres.freshSchema("pii_src");
    try (Connection c = io.tributary.testsupport.TestPostgres.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + src + ".people (email text PRIMARY KEY, updated_at timestamptz NOT NULL)");
      s.execute("INSERT INTO " + src + ".people SELECT 'resume.clear.' || g || '@example.com',"
          + " timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute' FROM generate_series(1, 30) g");
    }
    Path job = Files.writeString(dir.resolve("pii_jdbc.yml"), """
        source: { type: jdbc, url: "%s", user: %s, schema: %s }
        sink: { type: duckdb, path: "%s" }
        pii_key: "${file:%s}"
        chunk_size: 10
        streams:
          - name: people
            primary_key: [email]
            cursor: updated_at
            fields:
              - { name: email, pii: hash }
              - { name: updated_at, type: timestamp }
        """.formatted(io.tributary.testsupport.TestPostgres.url(), io.tributary.testsupport.TestPostgres.user(), src,
        dir.resolve("j.duckdb").toAbsolutePath(),
        Files.writeString(dir.resolve("pii.key"), "a stable test key").toAbsolutePath()));
    CliRunner cli = new CliRunner(dir.resolve("state"));
    CliRunner.Result failed = cli.run("run", job.toString(), "--fail-after-chunks", "1");
    assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
    CliRunner.Result resumed = cli.run("run", job.toString());
    assertThat(resumed.exitCode()).as(resumed.output()).isZero();
    String log = logFileText();
    assertThat(log).contains("[pii_jdbc/people] resuming after");
    assertThat(log).doesNotContain("resume.clear.");
    assertThat(failed.output() + resumed.output()).doesNotContain("resume.clear.");
  }

  private Path job(String name, Path drop, Path warehouse, int skipLimit) throws IOException {
    return Files.writeString(dir.resolve(name + ".yml"), """
        source: { type: file, dir: "%s" }
        sink: { type: duckdb, path: "%s" }
        pii_key: "${file:%s}"
        skip_limit: %d
        streams:
          - name: people
            primary_key: [customer_no]
            mode: merge
            options: { pattern: "people.csv" }
            fields:
              - { name: customer_no, pii: hash }
              - { name: email, regex: "[^@]+@[^@]+", pii: hash }
              - { name: ssn, type: string, regex: "[0-9]{3}-[0-9]{2}-[0-9]{4}", pii: mask }
              - { name: note }
          - name: contacts
            primary_key: [customer_no]
            mode: merge
            options: { pattern: "contacts.jsonl" }
            fields:
              - { name: customer_no, pii: hash }
              - { name: email, pii: hash }
              - { name: ssn, pii: drop }
        """.formatted(drop.toAbsolutePath(), warehouse.toAbsolutePath(),
        Files.writeString(dir.resolve("pii.key"), "a stable test key").toAbsolutePath(), skipLimit));
  }

  private static List<String> quarantineRows(Path warehouse) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse.toAbsolutePath());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM raw._tributary_quarantine")) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(rs.getMetaData().getColumnName(i)).append('=').append(rs.getString(i)).append(" | ");
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  /** What this test's runs wrote to the log file. */
  private String logFileText() throws IOException {
    byte[] all = Files.readAllBytes(logFile());
    int from = (int) Math.min(logStart, all.length);
    String text = new String(all, from, all.length - from, StandardCharsets.UTF_8);
    assertThat(text).as("the runs wrote to the log file").isNotEmpty();
    return text;
  }

  /** The file the application's logback configuration writes. */
  private static Path logFile() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
      Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> it = logger.iteratorForAppenders();
      while (it.hasNext()) {
        if (it.next() instanceof FileAppender<?> file && file.getFile() != null) {
          return Path.of(file.getFile());
        }
      }
    }
    throw new AssertionError("no file appender in the logback configuration");
  }
}
