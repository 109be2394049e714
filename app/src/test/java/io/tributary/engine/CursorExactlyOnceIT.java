package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testsupport.TestPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Every source row is loaded exactly once, whatever the cursor's type and the source's time zone (issue 16, finding
 * 2), generated: cursor column type × zone with DST gaps and overlaps (Lord Howe shifts by 30 minutes; Dublin's
 * rules are a negative DST in the tz database) × chunk size × lookback × sink. Each case loads with an injected
 * failure, resumes, gets new rows at and after the watermark (ties included), loads again, and runs once more with
 * nothing new. After every run the warehouse's (id, note) rows are compared with the source table read with SQL.
 *
 * <p>A nullable cursor column (read in two phases, NULL cursors first) gets NULL values in its first rows, and some of
 * those move to a value later than every cursor (a new version, as {@code updated_at = now()} would) between the
 * failed and the resumed run and again before the second run: each must be loaded in its latest version, once.
 */
@Tag("db")
class CursorExactlyOnceIT {

  private static final List<String> ZONES =
      List.of("Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Europe/Dublin", "UTC");
  /** A wall-clock timestamp twice: it is the type the DST cases are about. */
  private static final List<String> TYPES =
      List.of("timestamp", "timestamptz", "date", "numeric(9,3)", "text", "timestamp", "real");
  private static final List<Integer> LOOKBACK_MINUTES = List.of(0, 30, 60, 150);

  /** Shrinking is off: a failing case is a few database runs, and its parameters are printed in full. */
  @Property(tries = 12, shrinking = ShrinkingMode.OFF)
  void everySourceRowIsLoadedExactlyOnce(@ForAll @IntRange(max = 4) int zoneIndex,
      @ForAll @IntRange(max = 6) int typeIndex, @ForAll @IntRange(min = 1, max = 9) int chunk,
      @ForAll @IntRange(max = 3) int lookbackIndex, @ForAll boolean duckdb, @ForAll @IntRange(min = 1, max = 4)
      int failAfter, @ForAll boolean nullable, @ForAll @LongRange(min = 1) long seed) throws Exception {
    ZoneId zone = ZoneId.of(ZONES.get(zoneIndex));
    Case c = new Case(zone, TYPES.get(typeIndex), chunk, LOOKBACK_MINUTES.get(lookbackIndex), duckdb, nullable,
        new Random(seed));
    Path dir = Files.createTempDirectory("cursor-prop");
    try {
      c.run(dir, failAfter);
    } finally {
      deleteTree(dir);
    }
  }

  /** One generated case: a source table, a job, and the sequence of runs. */
  private static final class Case {
    private final ZoneId zone;
    private final String type;
    private final int chunk;
    private final int lookback;
    private final boolean duckdb;
    private final boolean nullable;
    private final Random random;
    private final LocalDateTime around;
    private final String src = TestPostgres.freshSchema("csrc");
    private final String dst;
    private long nextId = 1;

    Case(ZoneId zone, String type, int chunk, int lookback, boolean duckdb, boolean nullable, Random random) {
      this.zone = zone;
      this.nullable = nullable;
      this.type = type;
      this.chunk = chunk;
      this.lookback = lookback;
      this.duckdb = duckdb;
      this.random = random;
      this.dst = duckdb ? "raw" : TestPostgres.freshSchema("cdst");
      this.around = transition(zone, random);
    }

    void run(Path dir, int failAfter) throws Exception {
      sql("CREATE TABLE " + src + ".items (id bigint PRIMARY KEY, c " + type + (nullable ? "" : " NOT NULL")
          + ", note text NOT NULL)");
      insert(30 + random.nextInt(40), null);
      if (nullable) {
        sql("UPDATE " + src + ".items SET c = NULL WHERE id % 3 <> " + random.nextInt(3));
      }
      Path job = job(dir);
      CliRunner cli = new CliRunner(dir.resolve("state"));
      String what = "zone " + zone + ", cursor " + type + ", chunk " + chunk + ", lookback " + lookback + "m, "
          + (duckdb ? "duckdb" : "postgres") + (nullable ? ", nullable" : "");

      CliRunner.Result failed = cli.run("run", job.toString(), "--fail-after-chunks", Integer.toString(failAfter));
      assertThat(failed.exitCode()).as(what).isIn(0, 1);
      assertLoaded(dir, what + ", after the failed run", failed.exitCode() == 0);
      moveNullCursors();
      CliRunner.Result resumed = cli.run("run", job.toString());
      assertThat(resumed.exitCode()).as(what + ": " + resumed.output()).isEqualTo(0);
      assertLoaded(dir, what + ", after the resumed run", true);

      insert(5 + random.nextInt(20), maxCursor());
      moveNullCursors();
      CliRunner.Result second = cli.run("run", job.toString());
      assertThat(second.exitCode()).as(what + ": " + second.output()).isEqualTo(0);
      assertLoaded(dir, what + ", after the second run", true);

      CliRunner.Result third = cli.run("run", job.toString());
      assertThat(third.exitCode()).as(what).isEqualTo(0);
      assertLoaded(dir, what + ", after the run with nothing new", true);
      if (lookback == 0) {
        assertThat(third.output()).as(what).containsPattern("items\\s+merge\\s+0\\s+0\\s+0");
      }
    }

    /** Some rows whose cursor is NULL get a value later than every cursor, and a new note. */
    private void moveNullCursors() throws SQLException {
      if (!nullable) {
        return;
      }
      Object max = maxCursor();
      List<String> ids = TestPostgres.strings("SELECT id FROM " + src + ".items WHERE c IS NULL ORDER BY id");
      try (Connection c = TestPostgres.connect();
          PreparedStatement ps = c.prepareStatement("UPDATE " + src + ".items SET c = ?, note = ? WHERE id = ?")) {
        for (String id : ids) {
          if (random.nextInt(3) == 0) {
            ps.setObject(1, max == null ? value(null) : later(max));
            ps.setString(2, "m" + id + "-" + random.nextInt(1000));
            ps.setLong(3, Long.parseLong(id));
            ps.addBatch();
          }
        }
        ps.executeBatch();
      }
    }

    /** A value strictly after {@code max}: moved to "now", it must be read after the watermark. */
    private Object later(Object max) {
      int step = 1 + random.nextInt(3);
      if (max instanceof LocalDateTime t) {
        return t.plusMinutes(step);
      } else if (max instanceof OffsetDateTime t) {
        return t.plusMinutes(step);
      } else if (max instanceof LocalDate d) {
        return d.plusDays(step);
      } else if (max instanceof Float f) {
        return f + step * 0.5f;
      } else if (max instanceof BigDecimal d) {
        return d.add(BigDecimal.valueOf(step, 1));
      }
      return max + "z" + step;
    }

    private void assertLoaded(Path dir, String what, boolean complete) throws SQLException {
      List<String> source = TestPostgres.strings("SELECT id || ':' || note FROM " + src + ".items ORDER BY id");
      List<String> warehouse = warehouse(dir);
      assertThat(warehouse).as(what + ": no row twice").doesNotHaveDuplicates();
      if (complete) {
        assertThat(warehouse).as(what).containsExactlyElementsOf(source);
      } else {
        assertThat(source).as(what).containsAll(warehouse);
      }
    }

    private List<String> warehouse(Path dir) throws SQLException {
      String query = "SELECT CAST(id AS VARCHAR) || ':' || note FROM " + dst + ".items ORDER BY id";
      if (!duckdb) {
        return tableExists() ? TestPostgres.strings(query) : List.of();
      }
      Path file = dir.resolve("w.duckdb");
      List<String> rows = new ArrayList<>();
      if (!Files.exists(file)) {
        return rows;
      }
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
          Statement s = c.createStatement();
          ResultSet exists = s.executeQuery("SELECT count(*) FROM information_schema.tables"
              + " WHERE table_schema = 'raw' AND table_name = 'items'")) {
        exists.next();
        if (exists.getLong(1) == 0) {
          return rows;
        }
        try (Statement q = c.createStatement(); ResultSet rs = q.executeQuery(query)) {
          while (rs.next()) {
            rows.add(rs.getString(1));
          }
        }
      }
      return rows;
    }

    private boolean tableExists() throws SQLException {
      return !TestPostgres.strings("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + dst
          + "' AND table_name = 'items'").get(0).equals("0");
    }

    /** Rows near the zone's DST change, many sharing a cursor value; with {@code from}, at or after it. */
    private void insert(int rows, Object from) throws SQLException {
      try (Connection c = TestPostgres.connect();
          PreparedStatement ps = c.prepareStatement("INSERT INTO " + src + ".items VALUES (?, ?, ?)")) {
        for (int i = 0; i < rows; i++) {
          long id = nextId++;
          ps.setLong(1, id);
          ps.setObject(2, value(from));
          ps.setString(3, "n" + id + "-" + random.nextInt(1000));
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }

    private Object value(Object from) {
      int minutes = random.nextInt(12) * 15 - 90 + (random.nextBoolean() ? 0 : random.nextInt(15));
      LocalDateTime wall = around.plusMinutes(minutes);
      if (from instanceof LocalDateTime f) {
        wall = f.plusMinutes(random.nextInt(4) == 0 ? 0 : random.nextInt(120));
      }
      return switch (type) {
        case "timestamp" -> wall;
        case "timestamptz" -> from instanceof OffsetDateTime f
            ? f.plusMinutes(random.nextInt(4) == 0 ? 0 : random.nextInt(120))
            : (random.nextBoolean() ? wall.atZone(zone) : wall.atZone(zone).withLaterOffsetAtOverlap())
                .toOffsetDateTime();
        case "date" -> from instanceof LocalDate f ? f.plusDays(random.nextInt(3)) : wall.toLocalDate()
            .plusDays(random.nextInt(5) - 2);
        case "real" -> from instanceof Float f ? f + random.nextInt(3) * 0.1f : random.nextInt(25) * 0.1f;
        case "numeric(9,3)" -> from instanceof BigDecimal f ? f.add(BigDecimal.valueOf(random.nextInt(3), 1))
            : BigDecimal.valueOf(random.nextInt(25) * 125L, 3);
        default -> from instanceof String f ? f + (random.nextInt(3) == 0 ? "" : "z" + random.nextInt(5))
            : "k" + random.nextInt(20);
      };
    }

    private Object maxCursor() throws SQLException {
      try (Connection c = TestPostgres.connect();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT max(c) FROM " + src + ".items")) {
        rs.next();
        if (rs.getObject(1) == null) {
          return null;
        }
        return switch (type) {
          case "timestamp" -> rs.getObject(1, LocalDateTime.class);
          case "timestamptz" -> rs.getObject(1, OffsetDateTime.class);
          case "date" -> rs.getObject(1, LocalDate.class);
          case "numeric(9,3)" -> rs.getBigDecimal(1);
          case "real" -> rs.getFloat(1);
          default -> rs.getString(1);
        };
      }
    }

    private Path job(Path dir) throws IOException {
      String sink = duckdb
          ? "{ type: duckdb, path: \"" + dir.resolve("w.duckdb").toAbsolutePath() + "\", schema: raw }"
          : "{ type: postgres, url: \"" + TestPostgres.url() + "\", user: " + TestPostgres.user() + ", schema: "
              + dst + " }";
      return Files.writeString(dir.resolve("items.yml"), """
          source: { type: jdbc, url: "%s", user: %s, schema: %s, timezone: %s }
          sink: %s
          chunk_size: %d
          streams:
            - name: items
              primary_key: [id]
              cursor: c
              page_size: %d
          %s""".formatted(TestPostgres.url(), TestPostgres.user(), src, zone.getId(), sink, chunk,
          chunk + random.nextInt(3) * chunk, lookback == 0 ? "" : "    lookback: " + lookback + "m\n"));
    }
  }

  /** A DST change of 2024 in {@code zone} (a gap or an overlap, at random), as its wall-clock time before. */
  private static LocalDateTime transition(ZoneId zone, Random random) {
    ZoneOffsetTransition first = zone.getRules().nextTransition(Instant.parse("2024-01-01T00:00:00Z"));
    if (first == null) {
      return LocalDateTime.of(2024, 3, 31, 2, 0);
    }
    ZoneOffsetTransition second = zone.getRules().nextTransition(first.getInstant());
    return (random.nextBoolean() ? first : second).getDateTimeBefore();
  }

  private static void sql(String statement) throws SQLException {
    try (Connection c = TestPostgres.connect();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
