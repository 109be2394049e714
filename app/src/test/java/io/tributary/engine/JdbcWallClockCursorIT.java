package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code timestamp without time zone} cursor over a DST gap and a DST overlap (issue 16, finding 2): every source row
 * is loaded exactly once, the saved watermark is the column's own wall-clock value, and a second run loads nothing.
 */
@Tag("db")
class JdbcWallClockCursorIT {

  @TempDir
  Path dir;

  private String src;
  private String dst;
  private CliRunner cli;

  @BeforeEach
  void setUp() {
    src = TestPostgres.freshSchema("src");
    dst = TestPostgres.freshSchema("dst");
    cli = new CliRunner(dir.resolve("state"));
  }

  @Test
  void rowsInTheSpringGapAreAllLoadedAndTheNextRunLoadsNothing() throws Exception {
    // Europe/Berlin skips 02:00-03:00 on 2024-03-31; 9 of these wall-clock times do not exist there.
    events("timestamp '2024-03-31 01:51' + g * interval '1 minute'", 80);
    Path job = job("Europe/Berlin", 10, null);

    CliRunner.Result first = cli.run("run", job.toString());
    assertThat(first.exitCode()).isEqualTo(0);
    assertThat(loadedIds()).containsExactlyElementsOf(sourceIds());

    CliRunner.Result second = cli.run("run", job.toString());
    assertThat(second.exitCode()).isEqualTo(0);
    assertThat(second.output()).containsPattern("events\\s+merge\\s+0\\s+0\\s+0");
    assertThat(loadedIds()).containsExactlyElementsOf(sourceIds());
    assertThat(cli.run("status", "events").output()).contains("\"updated_at\":\"2024-03-31T03:10:00\"");
  }

  @Test
  void aResumeInsideTheGapContinuesAfterTheLastCommittedWallClockTime() throws Exception {
    events("timestamp '2024-03-31 01:51' + g * interval '1 minute'", 80);
    Path job = job("Europe/Berlin", 10, null);

    assertThat(cli.run("run", job.toString(), "--fail-after-chunks", "2").exitCode()).isEqualTo(1);
    CliRunner.Result resumed = cli.run("run", job.toString());
    assertThat(resumed.exitCode()).isEqualTo(0);
    assertThat(loadedIds()).containsExactlyElementsOf(sourceIds());
  }

  @Test
  void rowsInTheAutumnOverlapWithALookbackAreAllLoaded() throws Exception {
    // 02:00-03:00 happens twice in Europe/Berlin on 2024-10-27; the wall-clock values repeat in the table too.
    events("timestamp '2024-10-27 01:40' + (g % 50) * interval '1 minute' + (g / 50) * interval '1 second'", 100);
    Path job = job("Europe/Berlin", 7, "45m");

    assertThat(cli.run("run", job.toString(), "--fail-after-chunks", "3").exitCode()).isEqualTo(1);
    assertThat(cli.run("run", job.toString()).exitCode()).isEqualTo(0);
    assertThat(loadedIds()).containsExactlyElementsOf(sourceIds());
    sql("INSERT INTO " + src + ".events VALUES (1000, timestamp '2024-10-27 02:05', 'late')");
    assertThat(cli.run("run", job.toString()).exitCode()).isEqualTo(0);
    assertThat(loadedIds()).containsExactlyElementsOf(sourceIds());
  }

  @Test
  void mariaDbDatetimeCursorInTheSpringGapLoadsEveryRowOnce() throws Exception {
    String server = "jdbc:mariadb://127.0.0.1:3306/";
    String database = "wallclock_" + src.substring(src.length() - 8);
    try (Connection c = java.sql.DriverManager.getConnection(server + "test?connectTimeout=2000", "root", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
      s.execute("CREATE TABLE " + database + ".events (id bigint PRIMARY KEY, updated_at datetime(6) NOT NULL,"
          + " note text)");
      s.execute("INSERT INTO " + database + ".events SELECT seq, timestamp '2024-03-31 01:51:00' + INTERVAL seq"
          + " MINUTE, concat('n', seq) FROM seq_0_to_79");
    } catch (SQLException e) {
      org.junit.jupiter.api.Assumptions.assumeTrue(false, "no MariaDB at 127.0.0.1:3306: " + e.getMessage());
    }
    try {
      Path job = Files.writeString(dir.resolve("events.yml"), """
          source: { type: jdbc, url: "%s", user: root, timezone: Europe/Berlin }
          sink: { type: postgres, url: "%s", user: %s, schema: %s }
          chunk_size: 10
          streams:
            - { name: events, primary_key: [id], cursor: updated_at, page_size: 10 }
          """.formatted(server + database, TestPostgres.url(), TestPostgres.user(), dst));
      assertThat(cli.run("run", job.toString(), "--fail-after-chunks", "3").exitCode()).isEqualTo(1);
      assertThat(cli.run("run", job.toString()).exitCode()).isEqualTo(0);
      assertThat(loadedIds()).containsExactlyElementsOf(
          java.util.stream.IntStream.range(0, 80).mapToObj(Integer::toString).toList());
      assertThat(cli.run("run", job.toString()).output()).containsPattern("events\\s+merge\\s+0\\s+0\\s+0");
    } finally {
      try (Connection c = java.sql.DriverManager.getConnection(server + "test", "root", "");
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database);
      }
    }
  }

  @Test
  void aRealCursorIsComparedAsARealSoEveryRowIsLoadedOnce() throws Exception {
    // 0.1 as a real is 0.100000001490116 as a double: a cursor read as a double and bound back as one would not
    // compare equal to the row it came from.
    sql("CREATE TABLE " + src + ".events (id bigint PRIMARY KEY, updated_at real NOT NULL, note text)");
    sql("INSERT INTO " + src + ".events SELECT g, (g % 7) * 0.1, 'n' || g FROM generate_series(0, 59) g");
    Path job = job("UTC", 4, null);

    assertThat(cli.run("run", job.toString(), "--fail-after-chunks", "5").exitCode()).isEqualTo(1);
    CliRunner.Result resumed = cli.run("run", job.toString());
    assertThat(resumed.exitCode()).isEqualTo(0);
    // exactly the 40 rows after the 20 committed ones: none re-read because 0.1 (double) < 0.1 (real)
    assertThat(resumed.output()).containsPattern("events\\s+merge\\s+40\\s+40\\s+0");
    assertThat(loadedIds()).containsExactlyElementsOf(sourceIds());
    sql("INSERT INTO " + src + ".events VALUES (100, 0.6, 'tie')");
    CliRunner.Result next = cli.run("run", job.toString());
    assertThat(next.output()).containsPattern("events\\s+merge\\s+1\\s+1\\s+0");
    assertThat(loadedIds()).containsExactlyElementsOf(sourceIds());
  }

  private void events(String updatedAt, int rows) throws SQLException {
    sql("CREATE TABLE " + src + ".events (id bigint PRIMARY KEY, updated_at timestamp NOT NULL, note text)");
    sql("INSERT INTO " + src + ".events SELECT g, " + updatedAt + ", 'n' || g FROM generate_series(0, "
        + (rows - 1) + ") g");
  }

  private Path job(String zone, int chunk, String lookback) throws Exception {
    return Files.writeString(dir.resolve("events.yml"), """
        source: { type: jdbc, url: "%s", user: %s, schema: %s, timezone: %s }
        sink: { type: postgres, url: "%s", user: %s, schema: %s }
        chunk_size: %d
        streams:
          - name: events
            primary_key: [id]
            cursor: updated_at
            page_size: %d
        %s""".formatted(TestPostgres.url(), TestPostgres.user(), src, zone, TestPostgres.url(),
        TestPostgres.user(), dst, chunk, chunk, lookback == null ? "" : "    lookback: " + lookback + "\n"));
  }

  private List<String> sourceIds() throws SQLException {
    return TestPostgres.strings("SELECT id FROM " + src + ".events ORDER BY id");
  }

  private List<String> loadedIds() throws SQLException {
    return TestPostgres.strings("SELECT id FROM " + dst + ".events ORDER BY CAST(id AS bigint)");
  }

  private static void sql(String statement) throws SQLException {
    try (Connection c = TestPostgres.connect();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
