package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testsupport.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The binary COPY pass-through (PostgreSQL source → PostgreSQL sink, identity mapping) loads and quarantines exactly
 * what the typed path loads and quarantines, generated: a table with every column type the pass-through takes, filled
 * with odd values (NULL; numeric and double NaN and infinities; dates and timestamps at, inside and outside
 * 0001-9999 and infinite; text with quotes, backslashes, newlines, tabs and non-BMP characters; extreme integers and
 * decimals with trailing zeros; jsonb scalars, nested documents and huge numbers; instants at DST changes) and a
 * nullable cursor. Each case loads the same table with {@code pass_through: false} and with the pass-through (after an
 * injected failure and a resume, then an incremental run over changed rows), and compares the two targets and
 * quarantines value by value, and both with the generator's own record of which rows are loadable.
 */
@Tag("db")
class PassThroughEquivalenceIT {

  private static final String COLUMNS = "id, i4, i2, t, v, n, nu, f, b, d, ts, j, updated_at";
  /** Cursors of the first load (some NULL: the two-phase read), and of later changes (after every first one). */
  private static final String FIRST = "2024-01-01 00:00:00+00";
  private static final String LATER = "2024-02-01 00:00:00+00";
  /** The log file of the in-process runs (logback.xml: INFO goes to the file only; failsafe names one per fork). */
  private static final Path LOG =
      Path.of(System.getProperty("TRIBUTARY_LOG_FILE", System.getenv().getOrDefault("TRIBUTARY_LOG_FILE",
          ".tributary/logs/tributary.log")));

  /** Shrinking is off: a case is a few database runs, and its parameters are printed in full. */
  @Property(tries = 4, shrinking = ShrinkingMode.OFF)
  void passThroughLoadsExactlyWhatTheTypedPathLoads(@ForAll @IntRange(min = 3, max = 30) int pageSize,
      @ForAll @IntRange(min = 2, max = 70) int chunk, @ForAll @IntRange(min = 1, max = 3) int failAfter,
      @ForAll @LongRange(min = 1) long seed) throws Exception {
    Random random = new Random(seed);
    String what = "page " + pageSize + ", chunk " + chunk + ", fail after " + failAfter + ", seed " + seed;
    String src = TestPostgres.freshSchema("ptsrc");
    String typed = TestPostgres.freshSchema("ptdst");
    String passed = TestPostgres.freshSchema("ptdst");
    Path dir = Files.createTempDirectory("pass-through");
    String passName = "passed_" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
    try {
      sql("CREATE TABLE " + src + ".t (id bigint PRIMARY KEY, i4 int, i2 smallint, t text, v varchar(40),"
          + " n numeric(12,3), nu numeric, f double precision, b boolean, d date, ts timestamptz, j jsonb,"
          + " updated_at timestamptz)");
      sql("CREATE INDEX ON " + src + ".t (updated_at, id)");
      TreeSet<Long> odd = new TreeSet<>();
      insert(src, 1, 150 + random.nextInt(150), random, odd, FIRST);

      CliRunner typedCli = new CliRunner(dir.resolve("typed"));
      CliRunner passCli = new CliRunner(dir.resolve("passed"));
      Path typedJob = job(dir.resolve("typed.yml"), src, typed, pageSize, chunk, false);
      Path passJob = job(dir.resolve(passName + ".yml"), src, passed, pageSize, chunk, true);

      assertThat(typedCli.run("run", typedJob.toString()).exitCode()).as(what).isEqualTo(0);
      CliRunner.Result failed = passCli.run("run", passJob.toString(), "--fail-after-chunks",
          Integer.toString(failAfter));
      assertThat(failed.exitCode()).as(what).isIn(0, 1);
      assertThat(passCli.run("run", passJob.toString()).exitCode()).as(what).isEqualTo(0);
      assertThat(Files.readString(LOG)).as(what + ": the pass-through was used")
          .contains("[" + passName + "/t] rows pass through in the sink's encoding");
      assertSame(src, typed, passed, odd, what + ", first load");

      // changed rows (new values and cursors, some now odd, some odd ones now plain) and new rows
      long next = Long.parseLong(TestPostgres.strings("SELECT max(id) + 1 FROM " + src + ".t").get(0));
      for (long id = 1; id < next; id++) {
        if (random.nextInt(5) == 0) {
          update(src, id, random, odd);
        }
      }
      insert(src, next, 20 + random.nextInt(40), random, odd, LATER);
      assertThat(typedCli.run("run", typedJob.toString()).exitCode()).as(what).isEqualTo(0);
      assertThat(passCli.run("run", passJob.toString()).exitCode()).as(what).isEqualTo(0);
      assertSame(src, typed, passed, odd, what + ", incremental load");
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * Both targets hold the same rows, value by value (each column's text output, so a numeric's scale and a double's
   * sign of zero count), which are the source's plain rows; both quarantines hold the odd rows with the same reasons.
   */
  private static void assertSame(String src, String typed, String passed, TreeSet<Long> odd, String what)
      throws SQLException {
    List<String> typedRows = rows(typed);
    List<String> passedRows = rows(passed);
    assertThat(passedRows).as(what + ": pass-through against typed").containsExactlyElementsOf(typedRows);
    List<String> plain = TestPostgres.strings("SELECT row(" + COLUMNS + ")::text FROM " + src + ".t WHERE id NOT IN ("
        + (odd.isEmpty() ? "NULL" : String.join(",", odd.stream().map(String::valueOf).toList())) + ") ORDER BY id");
    // a row loaded plain and changed to odd keeps its loaded version in both targets: compare the plain ones
    List<String> passedPlain = TestPostgres.strings("SELECT row(" + COLUMNS + ")::text FROM " + passed + ".t WHERE id"
        + " NOT IN (" + (odd.isEmpty() ? "NULL" : String.join(",", odd.stream().map(String::valueOf).toList()))
        + ") ORDER BY id");
    assertThat(passedPlain).as(what + ": the source's plain rows").containsExactlyElementsOf(plain);
    String quarantine = "SELECT source_key || ' ' || reasons || ' ' || raw_record FROM %s._tributary_quarantine"
        + " ORDER BY source_key::bigint, reasons, raw_record";
    List<String> typedBad = TestPostgres.strings(quarantine.formatted(typed));
    assertThat(TestPostgres.strings(quarantine.formatted(passed))).as(what + ": quarantine")
        .containsExactlyElementsOf(typedBad);
    assertThat(TestPostgres.strings("SELECT DISTINCT source_key::bigint FROM " + passed
        + "._tributary_quarantine WHERE source_key::bigint IN (SELECT id FROM " + src + ".t) ORDER BY 1"))
        .as(what + ": every odd row quarantined").containsAll(odd.stream().map(String::valueOf).toList());
  }

  private static List<String> rows(String schema) throws SQLException {
    return TestPostgres.strings("SELECT row(" + COLUMNS + ")::text FROM " + schema + ".t ORDER BY id");
  }

  private static Path job(Path file, String src, String dst, int pageSize, int chunk, boolean pass)
      throws IOException {
    return Files.writeString(file, """
        source: { type: jdbc, url: "%s", user: %s, schema: %s }
        sink: { type: postgres, url: "%s", user: %s, schema: %s }
        chunk_size: %d
        skip_limit: 100000
        streams:
          - name: t
            primary_key: [id]
            cursor: updated_at
            page_size: %d
            options: { pass_through: %s }
        """.formatted(TestPostgres.url(), TestPostgres.user(), src, TestPostgres.url(), TestPostgres.user(), dst,
        chunk, pageSize, pass));
  }

  private static void insert(String src, long from, int rows, Random random, TreeSet<Long> odd, String cursor)
      throws SQLException {
    try (Connection c = TestPostgres.connect(); Statement s = c.createStatement()) {
      for (long id = from; id < from + rows; id++) {
        s.addBatch("INSERT INTO " + src + ".t VALUES (" + id + ", " + values(id, random, odd, cursor) + ")");
      }
      s.executeBatch();
    }
  }

  private static void update(String src, long id, Random random, TreeSet<Long> odd) throws SQLException {
    odd.remove(id);
    sql("UPDATE " + src + ".t SET (" + COLUMNS.substring("id, ".length()) + ") = ("
        + values(id, random, odd, LATER) + ") WHERE id = " + id);
  }

  /** One row's values after the id, as SQL literals; marks the row odd when the typed path quarantines it. */
  private static String values(long id, Random random, TreeSet<Long> odd, String cursor) {
    Generated g = new Generated(random);
    StringJoiner v = new StringJoiner(", ");
    v.add(g.pick("NULL", "0", "-1", "2147483647", "-2147483648", Integer.toString(random.nextInt())));
    v.add(g.pick("NULL", "0", "32767", "-32768", Integer.toString(random.nextInt(2000) - 1000)));
    v.add(g.text());
    v.add(g.text40());
    v.add(g.pickOdd(List.of("NULL", "0", "0.000", "-0.001", "999999999.999", "-999999999.999", "1.5", "12.340"),
        List.of("'NaN'")) + "::numeric(12,3)"); // a constrained numeric holds no infinity
    v.add(g.pickOdd(List.of("NULL", "0", "1.500", "123456789012345678901234567890.123456789", "-0.000000000000000000001",
        "1" + "0".repeat(300), "0." + "0".repeat(200) + "1", Long.toString(random.nextLong())),
        List.of("'NaN'", "'Infinity'", "'-Infinity'")) + "::numeric");
    v.add(g.pickOdd(List.of("NULL", "0", "'-0'", "0.1", "1e308", "-1e-300", "2.2250738585072014e-308",
        Double.toString(random.nextGaussian() * 1e6)), List.of("'NaN'", "'Infinity'", "'-Infinity'"))
        + "::float8");
    v.add(g.pick("NULL", "true", "false"));
    v.add(g.pickOdd(List.of("NULL", "'0001-01-01'", "'9999-12-31'", "'2024-02-29'", "'1970-01-01'", "'2000-01-01'"),
        List.of("'infinity'", "'-infinity'", "'0001-12-31 BC'", "'10000-01-01'")) + "::date");
    v.add(g.pickOdd(List.of("NULL", "'0001-01-01 00:00:00+00'", "'9999-12-31 23:59:59.999999+00'",
        "'2024-03-31 02:30:00 Europe/Berlin'", "'2024-10-27 02:30:00 Europe/Berlin'",
        "'2024-11-03 01:30:00 America/New_York'", "'2024-03-10 02:30:00.000001 America/New_York'",
        "'1969-12-31 23:59:59.999999+00'", "'2000-01-01 00:00:00+00'"),
        List.of("'infinity'", "'-infinity'", "'0001-01-01 00:00:00+01'", "'10000-01-01 00:00:00+00'"))
        + "::timestamptz");
    v.add(g.pick("NULL", "'{}'", "'[]'", "'null'", "'0'", "'\"\"'", "'{\"a\": 1.10, \"big\": 1e400}'",
        "'\"quote '' and \\\"escaped\\\" and \\n\"'", "'{\"k\\u00e9\": [1, [2, [3, {\"x\": null}]]]}'",
        "'[\"\\ud83d\\ude42\", -0.0, 1e-7]'") + "::jsonb");
    // a NULL cursor only in the first load: later NULL rows lie before the watermark, which both paths skip alike
    v.add(cursor.equals(FIRST) && random.nextInt(8) == 0 ? "NULL" : "timestamptz '" + cursor + "' + "
        + random.nextInt(40) + " * interval '1 second'");
    if (g.odd) {
      odd.add(id);
    }
    return v.toString();
  }

  /** Picks values for one row, a plain one mostly, and remembers whether any was odd. */
  private static final class Generated {
    private static final String[] PIECES = {"plain", "it''s", "\"dq\"", "back\\slash", "E'\\n'", "tab\there",
        "caf\u00e9", "\u4e2d\u6587", "\ud83d\ude42", "e\u0301", " lead", "trail ", "NULL", "\\N", ",", ";", ""};
    private final Random random;
    /** About one row in 30 gets odd values: most pages pass through, and some are read as typed values. */
    private final boolean oddRow;
    private boolean odd;

    Generated(Random random) {
      this.random = random;
      this.oddRow = random.nextInt(30) == 0;
    }

    String pick(String... values) {
      return values[random.nextInt(values.length)];
    }

    String pickOdd(List<String> plain, List<String> odds) {
      if (oddRow && random.nextInt(3) == 0) {
        odd = true;
        return odds.get(random.nextInt(odds.size()));
      }
      return plain.get(random.nextInt(plain.size()));
    }

    /** Text as an escape string: quotes, backslashes, newlines, CR, tabs and non-BMP characters. */
    String text() {
      if (random.nextInt(10) == 0) {
        return "NULL";
      }
      StringBuilder b = new StringBuilder("E'");
      int n = random.nextInt(6);
      for (int i = 0; i < n; i++) {
        String piece = PIECES[random.nextInt(PIECES.length)];
        b.append(switch (piece) {
          case "back\\slash" -> "back\\\\slash";
          case "E'\\n'" -> random.nextBoolean() ? "\\n" : "\\r\\n";
          case "tab\there" -> "tab\\there";
          default -> piece;
        });
      }
      if (random.nextInt(30) == 0) {
        b.append("x".repeat(5000));
      }
      return b.append("'").toString();
    }

    String text40() {
      String t = text();
      return t.equals("NULL") || t.length() > 40 ? "left(" + t + ", 40)" : t;
    }
  }

  private static void sql(String statement) throws SQLException {
    try (Connection c = TestPostgres.connect(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
