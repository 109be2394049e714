package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testsupport.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values a warehouse cannot hold (issue 16, finding 8): PostgreSQL's {@code infinity}, timestamps beyond year 9999,
 * NaN and infinite doubles and numerics, a decimal too wide for the column, text with NUL. Each bad row goes to the
 * quarantine with a reason naming the field, the value and the limit; the good rows of the same chunk load; the run
 * exits 0 and the next run loads nothing new. Expected rows and reasons are written out here, not read from Tributary.
 */
@Tag("db")
class UnholdableValuesIT {

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

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "duckdb"})
  void jdbcSourceQuarantinesEachUnholdableValueAndLoadsTheRestOfTheChunk(String sink) throws Exception {
    sql("CREATE TABLE " + src + ".readings (id bigint PRIMARY KEY, at timestamptz, local_at timestamp, day date,"
        + " ratio double precision, amount numeric)");
    sql("INSERT INTO " + src + ".readings SELECT g, timestamptz '2024-01-01 00:00+00' + g * interval '1 hour',"
        + " timestamp '2024-01-01 00:00' + g * interval '1 hour', date '2024-01-01' + g, g / 4.0, g * 1.5"
        + " FROM generate_series(1, 20) g");
    sql("INSERT INTO " + src + ".readings (id, at, local_at, day, ratio, amount) VALUES"
        + " (21, 'infinity', null, null, null, null), (22, '-infinity', null, null, null, null),"
        + " (23, null, 'infinity', null, null, null), (24, null, null, 'infinity', null, null),"
        + " (25, '20000-01-01 00:00+00', null, null, null, null), (26, null, null, null, 'NaN', null),"
        + " (27, null, null, null, '-Infinity', null), (28, null, null, null, null, 'NaN'),"
        + " (29, null, null, null, null, 1e40)");
    Path job = Files.writeString(dir.resolve("readings.yml"), """
        source: { type: jdbc, url: "%s", user: %s, schema: %s }
        sink: %s
        chunk_size: 100
        skip_limit: 100
        streams:
          - { name: readings, primary_key: [id], cursor: id }
        """.formatted(TestPostgres.url(), TestPostgres.user(), src, sinkBlock(sink)));

    CliRunner.Result first = cli.run("run", job.toString());
    assertThat(first.exitCode()).as(first.output()).isEqualTo(0);
    // PostgreSQL's numeric holds 1e40; DuckDB stores a numeric of unknown precision as DECIMAL(38,9)
    boolean duck = sink.equals("duckdb");
    List<String> loaded = range(1, 20);
    if (!duck) {
      loaded.add("29");
    }
    assertThat(ids(sink, "readings")).containsExactlyElementsOf(loaded);
    List<String> quarantine = quarantine(sink);
    List<String> expected = new ArrayList<>(List.of(
        "21 at: 'infinity' is outside the timestamps a warehouse can hold (0001-01-01T00:00:00Z to"
            + " 9999-12-31T23:59:59.999999Z)",
        "22 at: '-infinity' is outside the timestamps a warehouse can hold (0001-01-01T00:00:00Z to"
            + " 9999-12-31T23:59:59.999999Z)",
        "23 local_at: 'infinity' is outside the timestamps a warehouse can hold (0001-01-01T00:00:00Z to"
            + " 9999-12-31T23:59:59.999999Z)",
        "24 day: 'infinity' is outside the dates a warehouse can hold (0001-01-01 to 9999-12-31)",
        "25 at: '+20000-01-01T00:00:00Z' is outside the timestamps a warehouse can hold (0001-01-01T00:00:00Z to"
            + " 9999-12-31T23:59:59.999999Z)",
        "26 ratio: 'NaN' is not a number (NaN)",
        "27 ratio: '-Infinity' is beyond the range of a double",
        "28 amount: 'NaN' is not a decimal number"));
    if (duck) {
      expected.add("29 column amount: value 10000000000000000000000000000000000000000 does not fit DECIMAL(38,9)");
    }
    assertThat(quarantine).containsExactlyElementsOf(expected);
    assertThat(loaded.size() + expected.size()).isEqualTo(29);
    // rows refused by the mapping are counted here; a row a sink refuses is finding 11's count, fixed elsewhere
    assertThat(first.output()).containsPattern("readings\\s+merge\\s+29\\s+\\d+\\s+\\d+");

    CliRunner.Result second = cli.run("run", job.toString());
    assertThat(second.exitCode()).isEqualTo(0);
    assertThat(second.output()).containsPattern("readings\\s+merge\\s+0\\s+0\\s+0");
    assertThat(quarantine(sink)).isEqualTo(quarantine);
  }

  @ParameterizedTest
  @ValueSource(strings = {"timestamptz", "timestamp", "date"})
  void aCursorAtInfinityIsQuarantinedAndTheStreamMovesOn(String type) throws Exception {
    sql("CREATE TABLE " + src + ".ticks (id bigint PRIMARY KEY, at " + type + " NOT NULL)");
    sql("INSERT INTO " + src + ".ticks SELECT g, CAST('2024-01-01' AS " + type + ") FROM generate_series(1, 5) g");
    sql("INSERT INTO " + src + ".ticks VALUES (6, 'infinity'), (7, '-infinity')");
    Path job = Files.writeString(dir.resolve("ticks.yml"), """
        source: { type: jdbc, url: "%s", user: %s, schema: %s, timezone: Europe/Berlin }
        sink: %s
        chunk_size: 2
        streams:
          - { name: ticks, primary_key: [id], cursor: at, lookback: 2h, page_size: 2 }
        """.formatted(TestPostgres.url(), TestPostgres.user(), src, sinkBlock("postgres")));

    CliRunner.Result first = cli.run("run", job.toString(), "--fail-after-chunks", "3");
    assertThat(first.exitCode()).as(first.output()).isEqualTo(1);
    CliRunner.Result resumed = cli.run("run", job.toString());
    assertThat(resumed.exitCode()).as(resumed.output()).isEqualTo(0);
    assertThat(ids("postgres", "ticks")).containsExactly("1", "2", "3", "4", "5");
    assertThat(quarantine("postgres")).extracting(q -> q.substring(0, 2)).containsExactly("6 ", "7 ");
    CliRunner.Result again = cli.run("run", job.toString());
    assertThat(again.exitCode()).as(again.output()).isEqualTo(0);
    assertThat(ids("postgres", "ticks")).containsExactly("1", "2", "3", "4", "5");
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "duckdb"})
  void fileSourceQuarantinesTimestampsBeyondEveryWarehouseAndNulForPostgres(String sink) throws Exception {
    Path drop = Files.createDirectories(dir.resolve("drop"));
    Files.writeString(drop.resolve("events.csv"), """
        id,at,note
        1,2024-01-01T00:00:00Z,one
        2,+300000-01-01T00:00:00Z,two
        3,2024-01-02T00:00:00Z,three
        4,infinity,four
        5,-0001-06-01T00:00:00Z,five
        6,2024-01-03T00:00:00Z,six\u0000nul
        7,9999-12-31T23:59:59Z,seven
        """, StandardCharsets.UTF_8);
    Path job = Files.writeString(dir.resolve("events.yml"), """
        source: { type: file, dir: "%s" }
        sink: %s
        chunk_size: 100
        skip_limit: 100
        streams:
          - name: events
            primary_key: [id]
            options: { pattern: "events.csv" }
            fields: [ { name: id, type: integer }, { name: at, type: timestamp }, { name: note } ]
        """.formatted(drop.toAbsolutePath(), sinkBlock(sink)));

    CliRunner.Result first = cli.run("run", job.toString());
    assertThat(first.exitCode()).as(first.output()).isEqualTo(0);
    List<String> expectedQuarantine = new ArrayList<>(List.of(
        "2 at: '+300000-01-01T00:00:00Z' is outside the timestamps a warehouse can hold (0001-01-01T00:00:00Z to"
            + " 9999-12-31T23:59:59.999999Z)",
        "4 at: 'infinity' is outside the timestamps a warehouse can hold (0001-01-01T00:00:00Z to"
            + " 9999-12-31T23:59:59.999999Z)",
        "5 at: '-0001-06-01T00:00:00Z' is outside the timestamps a warehouse can hold (0001-01-01T00:00:00Z to"
            + " 9999-12-31T23:59:59.999999Z)"));
    List<String> expectedIds = new ArrayList<>(List.of("1", "3", "6", "7"));
    if (sink.equals("postgres")) {
      expectedQuarantine.add("6 column note: text contains a NUL character, which PostgreSQL cannot store");
      expectedIds.remove("6");
    }
    assertThat(ids(sink, "events")).containsExactlyElementsOf(expectedIds);
    assertThat(quarantine(sink)).containsExactlyElementsOf(expectedQuarantine);
    assertThat(expectedIds.size() + expectedQuarantine.size()).isEqualTo(7);
    // The summary's count of a row the PostgreSQL encoder refuses (NUL) is issue 16's finding 11, fixed elsewhere;
    // the rows refused by the mapping are counted here.
    assertThat(first.output()).containsPattern("events\\s+merge\\s+7\\s+" + (sink.equals("postgres") ? "\\d+" : "4")
        + "\\s+" + (sink.equals("postgres") ? "\\d+" : "3"));
    CliRunner.Result second = cli.run("run", job.toString());
    assertThat(second.exitCode()).isEqualTo(0);
    assertThat(ids(sink, "events")).containsExactlyElementsOf(expectedIds);
    assertThat(quarantine(sink)).containsExactlyElementsOf(expectedQuarantine);
  }

  private String sinkBlock(String sink) {
    return sink.equals("postgres")
        ? "{ type: postgres, url: \"%s\", user: %s, schema: %s }"
            .formatted(TestPostgres.url(), TestPostgres.user(), dst)
        : "{ type: duckdb, path: \"%s\", schema: raw }".formatted(duckDbFile());
  }

  private String duckDbFile() {
    return dir.resolve("w.duckdb").toAbsolutePath().toString();
  }

  private List<String> ids(String sink, String table) throws SQLException {
    return strings(sink, "SELECT CAST(id AS VARCHAR) FROM " + schema(sink) + "." + table
        + " ORDER BY CAST(id AS BIGINT)");
  }

  private List<String> quarantine(String sink) throws SQLException {
    return strings(sink, "SELECT source_key || ' ' || reasons FROM " + schema(sink)
        + "._tributary_quarantine ORDER BY CAST(source_key AS BIGINT), reasons");
  }

  private String schema(String sink) {
    return sink.equals("postgres") ? dst : "raw";
  }

  private List<String> strings(String sink, String query) throws SQLException {
    if (sink.equals("postgres")) {
      return TestPostgres.strings(query);
    }
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + duckDbFile());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static List<String> range(int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      ids.add(String.valueOf(i));
    }
    return ids;
  }

  private static void sql(String statement) throws SQLException {
    try (Connection c = TestPostgres.connect();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
