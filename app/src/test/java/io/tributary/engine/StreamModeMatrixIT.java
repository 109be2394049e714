package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The configuration space of a stream as a checked matrix: mode × cursor × lookback × partitions × deletes × primary
 * key × sink, every combination. Each one is either refused by {@code run} with exit 2, the job file, the field path
 * and a fix, or loads a PostgreSQL source table twice (with inserts, updates and soft deletes between the runs) into
 * a real DuckDB or PostgreSQL warehouse, whose row counts are compared with counts this test computes from the
 * changes it made, then once more with nothing changed. The expected outcome of each cell is
 * {@link #expectedRefusal}, written from the table of legal combinations in docs/jobs.md, not read from the rules
 * class. The legal cells of one sink run as the streams of one job (each its own table, all reading the same source
 * table), so the whole matrix costs six runs, not a hundred and fifty.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("db")
class StreamModeMatrixIT {

  private static final int INITIAL = 120;
  private static final int INSERTED = 15;
  private static final int UPDATED = 10;
  private static final int FLAGGED = 5;

  @TempDir
  static Path dir;

  /** Rows per target table after run 1 and run 2, and the outputs of the runs, per sink. */
  private final Map<String, long[]> counts = new HashMap<>();
  private final Map<SinkKind, String> outputs = new EnumMap<>(SinkKind.class);

  enum Mode { APPEND, MERGE, REPLACE }

  enum CursorKind { NONE, ONE, COMPOUND }

  enum SinkKind { DUCKDB, POSTGRES }

  record Cell(Mode mode, CursorKind cursor, boolean lookback, boolean partitioned, boolean deletes, boolean key,
      SinkKind sink) {

    @Override
    public String toString() {
      return mode + " cursor=" + cursor + (lookback ? " lookback" : "") + (partitioned ? " partitions=3" : "")
          + (deletes ? " deleted_when" : "") + (key ? " primary_key" : " no-key") + " → " + sink;
    }
  }

  static Stream<Cell> everyCombination() {
    List<Cell> cells = new ArrayList<>();
    for (SinkKind sink : SinkKind.values()) {
      for (Mode mode : Mode.values()) {
        for (CursorKind cursor : CursorKind.values()) {
          for (boolean lookback : new boolean[] {false, true}) {
            for (boolean partitioned : new boolean[] {false, true}) {
              for (boolean deletes : new boolean[] {false, true}) {
                for (boolean key : new boolean[] {false, true}) {
                  cells.add(new Cell(mode, cursor, lookback, partitioned, deletes, key, sink));
                }
              }
            }
          }
        }
      }
    }
    return cells.stream();
  }

  /** The refused field and a word of its message, per the documented table; null for a legal combination. */
  static String[] expectedRefusal(Cell c) {
    if (c.mode == Mode.MERGE && !c.key) {
      return new String[] {"primary_key", "mode merge needs a primary key"};
    }
    if (c.cursor == CursorKind.COMPOUND) {
      return new String[] {"cursor", "only one cursor field"};
    }
    if (c.partitioned && c.mode != Mode.MERGE) {
      return new String[] {"partitions", "partitions need mode merge"};
    }
    if (c.lookback && c.cursor == CursorKind.NONE) {
      return new String[] {"lookback", "needs a cursor"};
    }
    if (c.lookback && c.mode == Mode.APPEND) {
      return new String[] {"lookback", "append"};
    }
    if (c.lookback && c.mode == Mode.REPLACE) {
      return new String[] {"lookback", "replace"};
    }
    return null;
  }

  /** Loads every legal cell of each sink: one job per sink, one stream per cell, two runs. */
  @BeforeAll
  void loadEveryLegalCell() throws Exception {
    for (SinkKind sink : SinkKind.values()) {
      List<Cell> legal = everyCombination().filter(c -> c.sink == sink && expectedRefusal(c) == null).toList();
      String src = TestPostgres.freshSchema("mx_src");
      String dst = TestPostgres.freshSchema("mx_dst");
      sql("CREATE TABLE " + src + ".items (id bigint PRIMARY KEY, name text NOT NULL, is_deleted boolean NOT NULL,"
          + " updated_at timestamptz NOT NULL)");
      sql("INSERT INTO " + src + ".items SELECT g, 'item ' || g, false, timestamptz '2024-01-01 00:00:00+00'"
          + " + g * interval '1 minute' FROM generate_series(1, " + INITIAL + ") g");
      StringBuilder streams = new StringBuilder();
      for (Cell c : legal) {
        streams.append(stream(c));
      }
      Path job = Files.writeString(dir.resolve(sink.name().toLowerCase() + ".yml"), job(sink, src, dst, streams));
      CliRunner cli = new CliRunner(dir.resolve("state-" + sink));
      CliRunner.Result first = cli.run("run", job.toString());
      for (Cell c : legal) {
        counts.put(c.toString(), new long[] {count(c, dst, ""), -1, -1, -1, -1});
      }
      changeTheSource(src);
      CliRunner.Result second = cli.run("run", job.toString());
      outputs.put(sink, "run 1 (exit " + first.exitCode() + "):\n" + first.output() + "\nrun 2 (exit "
          + second.exitCode() + "):\n" + second.output());
      for (Cell c : legal) {
        long[] n = counts.get(c.toString());
        n[1] = count(c, dst, "");
        n[2] = count(c, dst, " WHERE _tributary_deleted");
        n[3] = count(c, dst, " WHERE name LIKE 'changed %'");
      }
      CliRunner.Result third = cli.run("run", job.toString());
      outputs.put(sink, outputs.get(sink) + "\nrun 3, nothing changed (exit " + third.exitCode() + "):\n"
          + third.output());
      for (Cell c : legal) {
        counts.get(c.toString())[4] = count(c, dst, "");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyCombination")
  void everyCombinationIsRefusedAtLoadOrLoadsTheRightRows(Cell cell) throws Exception {
    String[] refusal = expectedRefusal(cell);
    if (refusal != null) {
      Path job = Files.writeString(dir.resolve("refused.yml"), job(cell.sink, "src_unused", "dst_unused",
          new StringBuilder(stream(cell))));
      CliRunner.Result r = new CliRunner(dir.resolve("state-refused")).run("run", job.toString());
      assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
      assertThat(r.output()).as("file : field : what : fix")
          .contains(job + ": streams[0]." + refusal[0] + ": ").contains(refusal[1]).contains("fix: ");
      return;
    }
    String output = outputs.get(cell.sink);
    long[] n = counts.get(cell.toString());
    assertThat(n[0]).as("rows after run 1\n" + output).isEqualTo(INITIAL);
    assertThat(n[1]).as("rows after run 2\n" + output).isEqualTo(expectedRows(cell));
    assertThat(n[2]).as("soft-deleted rows after run 2").isEqualTo(cell.deletes ? FLAGGED : 0);
    if (cell.mode != Mode.APPEND) {
      assertThat(n[3]).as("updated rows").isEqualTo(UPDATED);
    }
    long afterNoChange = cell.mode == Mode.APPEND && cell.cursor == CursorKind.NONE
        ? expectedRows(cell) + INITIAL + INSERTED // a snapshot log appends the whole source once more
        : expectedRows(cell);
    assertThat(n[4]).as("rows after run 3, with nothing changed at the source\n" + output).isEqualTo(afterNoChange);
  }

  /** Rows in the table after the second run, from the changes {@link #changeTheSource} made. */
  private static long expectedRows(Cell c) {
    long current = INITIAL + INSERTED;
    if (c.mode != Mode.APPEND) {
      return current; // merge: one row per key; replace: a fresh full copy
    }
    if (c.cursor == CursorKind.NONE) {
      return INITIAL + current; // no cursor: every run appends what the source holds
    }
    return INITIAL + INSERTED + UPDATED + FLAGGED; // a cursor: the second run appends what changed
  }

  private void changeTheSource(String src) throws SQLException {
    sql("INSERT INTO " + src + ".items SELECT g, 'item ' || g, false,"
        + " timestamptz '2024-02-01 00:00:00+00' + g * interval '1 minute'"
        + " FROM generate_series(" + (INITIAL + 1) + ", " + (INITIAL + INSERTED) + ") g");
    sql("UPDATE " + src + ".items SET name = 'changed ' || id, updated_at = updated_at + interval '60 days'"
        + " WHERE id <= " + UPDATED);
    sql("UPDATE " + src + ".items SET is_deleted = true, updated_at = updated_at + interval '60 days'"
        + " WHERE id > " + UPDATED + " AND id <= " + (UPDATED + FLAGGED));
  }

  private String job(SinkKind sink, String src, String dst, StringBuilder streams) {
    String sinkBlock = sink == SinkKind.DUCKDB
        ? "{ type: duckdb, path: \"" + dir.resolve("w.duckdb").toAbsolutePath() + "\" }"
        : "{ type: postgres, url: \"" + TestPostgres.url() + "\", user: " + TestPostgres.user() + ", schema: " + dst
            + " }";
    return "source: { type: jdbc, url: \"" + TestPostgres.url() + "\", user: " + TestPostgres.user() + ", schema: "
        + src + " }\nsink: " + sinkBlock + "\nchunk_size: 50\nstreams:\n" + streams;
  }

  /** One stream for a cell, named and tabled after the cell, reading the shared source table. */
  private static String stream(Cell c) {
    StringBuilder stream = new StringBuilder("  - name: " + table(c) + "\n    mode: " + c.mode.name().toLowerCase()
        + "\n    options: { table: items }\n    page_size: 40\n");
    if (c.key) {
      stream.append("    primary_key: [id]\n");
    }
    switch (c.cursor) {
      case ONE -> stream.append("    cursor: [updated_at]\n");
      case COMPOUND -> stream.append("    cursor: [updated_at, id]\n");
      default -> { }
    }
    if (c.lookback) {
      stream.append("    lookback: 1d\n");
    }
    if (c.partitioned) {
      stream.append("    partitions: 3\n");
    }
    if (c.deletes) {
      stream.append("    deleted_when: { field: is_deleted, equals: \"true\" }\n");
    }
    return stream.toString();
  }

  private static String table(Cell c) {
    return (c.mode.name().charAt(0) + "_" + c.cursor.name().charAt(0) + (c.lookback ? "_lb" : "")
        + (c.partitioned ? "_p" : "") + (c.deletes ? "_del" : "") + (c.key ? "_pk" : "")).toLowerCase();
  }

  /** Rows of a cell's table, or -1 when the table is missing (its stream failed). */
  private long count(Cell c, String dst, String where) {
    try {
      return countOrFail(c, dst, where);
    } catch (SQLException e) {
      return -1;
    }
  }

  private long countOrFail(Cell c, String dst, String where) throws SQLException {
    String query = "SELECT count(*) FROM " + (c.sink == SinkKind.DUCKDB ? "raw" : dst) + "." + table(c) + where;
    if (c.sink == SinkKind.POSTGRES) {
      return TestPostgres.strings(query).stream().mapToLong(Long::parseLong).findFirst().orElseThrow();
    }
    try (Connection conn = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("w.duckdb").toAbsolutePath());
        Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void sql(String statement) throws SQLException {
    try (Connection c = TestPostgres.connect();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
