package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A CSV file read by DuckDB itself (issue 17) leaves exactly the table and quarantine the Java path leaves: the same
 * generated files, full of odd values (NUL bytes, quotes, embedded CR LF, empty strings against empty quotes,
 * {@code infinity}, numbers beyond every range, impossible dates, DST-gap and offset timestamps, a BOM, CR LF line
 * ends, a record with the wrong number of values), are loaded once with {@code load_path: java} and once with the
 * default, in each write mode, over two runs; then both DuckDB files are compared value by value, system columns
 * included. The job repository's commit counts show which path ran: one transaction per file against one per page.
 */
@Tag("unit")
class CsvReadByDuckDbEquivalenceIT {

  private static final String HEADER = "id,name,qty,price,ratio,active,born,seen_at,note";
  private static final String[] TEXT = {"plain", "", "\"\"", "\"a,b\"", "\"say \"\"hi\"\"\"", "\"two\r\nlines\"",
      "\"one\nline\"", "nul\0byte", " padded ", "\"\"\"\"", "ünïcødé", "x\"y", "\"\r\n\""};
  private static final String[] INTEGER = {"0", "7", "-12", "+5", "007", "-0", "9223372036854775807",
      "9223372036854775808", "-9223372036854775808", "123456789012345678", "1e3", "1.0", " 3", "abc", "", "\"\"",
      "١٢"};
  private static final String[] DECIMAL = {"1.50", "0", "-0.00", "+3.1", "99999999.99", "100000000.00", "0.001",
      "1.", ".5", "1e2", "infinity", "NaN", "12345678", "-12345678.9", "", "abc"};
  private static final String[] DOUBLE = {"0.1", "3", "-0", "-0.0", "1e308", "1e309", "123456789012345.6",
      "1234567.12345678", "infinity", "-Infinity", "NaN", "4.9e-324", "0.30000000000000004", "", "x"};
  private static final String[] BOOLEAN = {"true", "false", "TRUE", "Yes", "n", "1", "0", "t", "F", " true", "yeſ",
      "maybe", ""};
  private static final String[] DATE = {"2024-01-31", "2024-02-29", "2023-02-29", "2024-02-30", "0001-01-01",
      "0000-01-01", "0999-12-31", "1000-01-01", "9999-12-31", "10000-01-01", "2024-1-5", "2024-01-31T10:00:00Z",
      "infinity", "31/01/2024", ""};
  private static final String[] TIMESTAMP = {"2024-03-31T02:30:00", "2024-03-10T02:30:00Z",
      "2024-01-02T03:04:05.123456Z", "2024-01-02T03:04:05.1234567Z", "2024-01-02T03:04:05+05:30",
      "2024-01-02T03:04:05-0800", "2024-01-02 03:04:05", "2024-01-02T24:00:00Z", "2024-01-02T23:59:60Z",
      "9999-12-31T23:59:59.999999Z", "9999-12-31T23:59:59-01:00", "1000-01-01T00:00:00+01:00",
      "0001-01-01T00:00:00Z", "2024-01-02", "/Date(1700000000000)/", "-infinity", "2024-02-30T00:00:00Z",
      "2024-01-02T03:04Z", ""};
  private static final String[] NOTE = {"n", "", "\"\"", "\"multi\nline, with comma\""};

  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource({"merge, 17", "append, 29", "replace, 43"})
  void duckDbReadsTheFileIntoTheSameTableAndQuarantineAsTheJavaPath(String mode, long seed) throws Exception {
    Path drop = Files.createDirectories(dir.resolve("drop"));
    Random random = new Random(seed);
    write(drop.resolve("t_1.csv"), generate(random, 300, true, false), 1_000);
    write(drop.resolve("t_2.csv"), generate(random, 300, false, false), 2_000);
    write(drop.resolve("t_3.csv"), generate(random, 50, false, true), 3_000);

    Run java = new Run(dir.resolve("java"), drop, mode, true);
    Run duck = new Run(dir.resolve("duck"), drop, mode, false);
    java.run();
    duck.run();
    write(drop.resolve("t_4.csv"), generate(random, 300, true, false), 4_000);
    write(drop.resolve("t_5.csv"), clean(random, 200), 5_000);
    write(drop.resolve("t_6.csv"), cleanRepeatingKeys(random, 120), 6_000);
    java.run();
    duck.run();

    List<String> javaRows = rows(java.warehouse, "SELECT * EXCLUDE (_tributary_extracted_at) FROM raw.t ORDER BY ALL");
    assertThat(javaRows).hasSizeGreaterThan(100);
    assertThat(rows(duck.warehouse, "SELECT * EXCLUDE (_tributary_extracted_at) FROM raw.t ORDER BY ALL"))
        .containsExactlyElementsOf(javaRows);
    String quarantine = "SELECT stream, source_key, raw_record, reasons FROM raw._tributary_quarantine ORDER BY ALL";
    List<String> javaQuarantine = rows(java.warehouse, quarantine);
    assertThat(javaQuarantine).hasSizeGreaterThan(50);
    assertThat(rows(duck.warehouse, quarantine)).containsExactlyElementsOf(javaQuarantine);
    String extracted = "SELECT count(DISTINCT _tributary_extracted_at), count(*) FILTER (_tributary_extracted_at IS NULL)"
        + " FROM raw.t";
    assertThat(rows(duck.warehouse, extracted)).isEqualTo(rows(java.warehouse, extracted));
    assertThat(rows(duck.warehouse, "DESCRIBE raw.t")).isEqualTo(rows(java.warehouse, "DESCRIBE raw.t"));

    // one transaction per file; t_3 has a record with too many values, so it goes through pages of 40, and a page
    // that ends inside the next file keeps that file on pages too
    long pages = java.commits();
    assertThat(pages).as("commits of the Java-path runs: a page of 40 records each").isGreaterThanOrEqualTo(23);
    assertThat(duck.commits()).as("commits of the DuckDB-read runs").isLessThanOrEqualTo(pages / 2);
  }

  /**
   * A file large enough for DuckDB to read in parallel blocks, every value plain and a boolean column among them,
   * keeps its record order: appended rows follow the file, and a key in the first and the last record keeps the last
   * one (the file is staged because the key repeats, and the stage orders records by {@code rowid}; a merged table's
   * physical order means nothing). An {@code IN}
   * list in the SQL made DuckDB join and reorder the blocks (https://github.com/duckdb/duckdb/issues/24398).
   */
  @ParameterizedTest
  @CsvSource({"append", "merge"})
  void aLargeFileKeepsTheOrderOfItsRecords(String mode) throws Exception {
    Path drop = Files.createDirectories(dir.resolve("drop"));
    int records = 200_000;
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (int r = 0; r < records; r++) {
      boolean last = r == records - 1;
      int id = mode.equals("merge") && last ? 0 : r;
      csv.append(id).append(",name ").append(r).append(',').append(r).append(",1.50,0.5,")
          .append(r % 2 == 0 ? "true" : "no").append(",2024-01-31,2024-01-02T03:04:05Z,")
          .append(r == 0 ? "first" : last ? "last" : "n").append('\n');
    }
    write(drop.resolve("t_1.csv"), csv.toString(), 1_000);
    Run duck = new Run(dir.resolve("duck"), drop, mode, false);
    duck.run();

    assertThat(duck.commits()).as("commits: the file in one (DuckDB read it), not 5,000 pages of 40")
        .isLessThanOrEqualTo(2);
    if (mode.equals("append")) {
      assertThat(rows(duck.warehouse, "SELECT count(*) FILTER (WHERE qty < previous) FROM (SELECT qty,"
          + " lag(qty) OVER (ORDER BY rowid) AS previous FROM raw.t)"))
          .as("rows appended out of file order").containsExactly("[0]");
    }
    assertThat(rows(duck.warehouse, "SELECT count(*), count(*) FILTER (WHERE active) FROM raw.t"))
        .containsExactly(mode.equals("merge") ? "[199999] | [99999]" : "[200000] | [100000]");
    if (mode.equals("merge")) {
      assertThat(rows(duck.warehouse, "SELECT note, qty FROM raw.t WHERE id = 0"))
          .as("the key of the first and the last record").containsExactly("[last] | [199999]");
    }
  }

  /**
   * The first file of a stream, into an empty table, tried first as the usual export (every record converted by
   * DuckDB, straight into the target, one read of the file). When it is not (an odd record at its start or end, a
   * key it repeats, a record the reader rejects), that attempt is rolled back and the file is loaded the other way:
   * the table and quarantine must still be the Java path's, and a later clean file over those rows too.
   */
  @ParameterizedTest
  @CsvSource({"merge, clean", "merge, oddFirst", "merge, oddLast", "merge, repeatedKey", "merge, tooWideLast",
      "append, clean", "append, oddLast", "append, tooWideLast", "replace, oddLast", "replace, repeatedKey"})
  void aFirstFileThatIsNotTheUsualExportIsLoadedAsTheJavaPathLoadsIt(String mode, String shape) throws Exception {
    Path drop = Files.createDirectories(dir.resolve("drop"));
    Random random = new Random(shape.hashCode() * 31L + mode.hashCode());
    String clean = clean(random, 2_000);
    String first = switch (shape) {
      case "clean" -> clean;
      case "oddFirst" -> clean.replaceFirst("\n0,", "\n0x1,");
      case "oddLast" -> clean + "4000,last,1e3,1.50,0.1,maybe,2024-01-31,2024-01-02T03:04:05Z,n\n";
      case "repeatedKey" -> clean + "+0,last,7,1.50,0.1,true,2024-01-31,2024-01-02T03:04:05Z,again\n";
      case "tooWideLast" -> clean + "4001,last,7,1.50,0.1,true,2024-01-31,2024-01-02T03:04:05Z,n,extra\n";
      default -> throw new IllegalArgumentException(shape);
    };
    write(drop.resolve("t_1.csv"), first, 1_000);
    Run java = new Run(dir.resolve("java"), drop, mode, true);
    Run duck = new Run(dir.resolve("duck"), drop, mode, false);
    java.run();
    duck.run();
    write(drop.resolve("t_2.csv"), clean(random, 300), 2_000);
    java.run();
    duck.run();

    String table = "SELECT * EXCLUDE (_tributary_extracted_at) FROM raw.t ORDER BY ALL";
    List<String> javaRows = rows(java.warehouse, table);
    assertThat(javaRows).hasSizeGreaterThanOrEqualTo(2_000);
    assertThat(rows(duck.warehouse, table)).containsExactlyElementsOf(javaRows);
    String quarantine = "SELECT stream, source_key, raw_record, reasons FROM raw._tributary_quarantine ORDER BY ALL";
    assertThat(rows(duck.warehouse, quarantine)).containsExactlyElementsOf(rows(java.warehouse, quarantine));
  }

  /** Records of random odd values; {@code bom} starts the file with one and ends lines with CR LF. */
  private static String generate(Random random, int records, boolean bom, boolean oneTooWide) {
    String eol = bom ? "\r\n" : "\n";
    StringBuilder csv = new StringBuilder(bom ? "\uFEFF" : "").append(HEADER).append(eol);
    for (int r = 0; r < records; r++) {
      String id = random.nextInt(20) == 0 ? pick(random, INTEGER) : Integer.toString(random.nextInt(records));
      List<String> values = List.of(id, pick(random, TEXT), pick(random, INTEGER), pick(random, DECIMAL),
          pick(random, DOUBLE), pick(random, BOOLEAN), pick(random, DATE), pick(random, TIMESTAMP),
          pick(random, NOTE));
      csv.append(String.join(",", values));
      if (oneTooWide && r == records / 2) {
        csv.append(",extra");
      }
      csv.append(eol);
      if (random.nextInt(50) == 0) {
        csv.append(eol); // an empty line, which both readers skip
      }
    }
    return csv.toString();
  }

  /**
   * Records whose every value DuckDB converts itself and whose keys are unique in the file (they repeat earlier
   * files' keys): the path that inserts straight from the file into the target.
   */
  private static String clean(Random random, int records) {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (int r = 0; r < records; r++) {
      csv.append(String.join(",", List.of(Integer.toString(r * 2), TEXT[random.nextInt(4)],
          INTEGER[random.nextInt(6)], DECIMAL[random.nextInt(5)], DOUBLE[random.nextInt(4)],
          BOOLEAN[random.nextInt(8)], DATE[random.nextInt(2)], TIMESTAMP[random.nextInt(3)],
          NOTE[random.nextInt(4)]))).append('\n');
    }
    return csv.toString();
  }

  /**
   * Records DuckDB converts itself whose keys repeat inside the file, spelled differently ({@code 7}, {@code +7},
   * {@code 007}: one key once converted): the file is staged, and the last record of a key wins as on the Java path.
   */
  private static String cleanRepeatingKeys(Random random, int records) {
    String[] spellings = {"%d", "+%d", "00%d"};
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (int r = 0; r < records; r++) {
      csv.append(String.join(",", List.of(String.format(spellings[r % 3], r % 40), TEXT[random.nextInt(4)],
          INTEGER[random.nextInt(6)], DECIMAL[random.nextInt(5)], DOUBLE[random.nextInt(4)],
          BOOLEAN[random.nextInt(8)], DATE[random.nextInt(2)], TIMESTAMP[random.nextInt(3)],
          NOTE[random.nextInt(4)]))).append('\n');
    }
    return csv.toString();
  }

  private static String pick(Random random, String[] values) {
    String v = values[random.nextInt(values.length)];
    boolean quotable = !v.isEmpty() && !v.startsWith("\"") && !v.contains("\"");
    return quotable && random.nextInt(4) == 0 ? "\"" + v + "\"" : v;
  }

  private static void write(Path file, String text, long modifiedSeconds) throws Exception {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(modifiedSeconds * 1000));
  }

  private static List<String> rows(Path warehouse, String query) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse.toAbsolutePath());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      List<String> rows = new ArrayList<>();
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          Object v = rs.getObject(i);
          row.append(i == 1 ? "" : " | ").append(v == null ? "NULL" : "[" + v + "]");
        }
        rows.add(row.toString());
      }
      return rows;
    }
  }

  /** One side of the comparison: its own job file, DuckDB file and job repository. */
  private static final class Run {
    final Path warehouse;
    final Path state;
    final Path job;
    final CliRunner cli;

    Run(Path home, Path drop, String mode, boolean javaPath) throws Exception {
      Files.createDirectories(home);
      this.warehouse = home.resolve("w.duckdb");
      this.state = home.resolve("state");
      this.job = Files.writeString(home.resolve("t.yml"), """
          source: { type: file, dir: "%s" }
          sink: { type: duckdb, path: "%s", schema: raw }
          chunk_size: 40
          skip_limit: 100000
          streams:
            - name: t
              mode: %s
              primary_key: [id]
              options: { pattern: "t_*.csv"%s }
              fields:
                - { name: id, type: integer }
                - { name: name }
                - { name: qty, type: integer }
                - { name: price, type: "decimal(10,2)" }
                - { name: ratio, type: double }
                - { name: active, type: boolean }
                - { name: born, type: date }
                - { name: seen_at, type: timestamp }
                - { name: note }
          """.formatted(drop.toAbsolutePath(), warehouse.toAbsolutePath(), mode,
          javaPath ? ", load_path: java" : ""));
      this.cli = new CliRunner(state);
    }

    void run() {
      CliRunner.Result result = cli.run("run", job.toString());
      assertThat(result.exitCode()).as(result.output()).isZero();
    }

    long commits() throws SQLException {
      try (Connection c = DriverManager.getConnection(
          "jdbc:h2:file:" + state.resolve("repository").toAbsolutePath(), "sa", "");
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT sum(COMMIT_COUNT) FROM BATCH_STEP_EXECUTION"
              + " WHERE STEP_NAME = 'stream:t'")) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
