package io.tributary.sink.duckdb;

import static io.tributary.core.Identifiers.quote;

import io.tributary.core.CsvFile;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.Row;
import io.tributary.core.RunInfo;
import io.tributary.core.StreamSchema;
import io.tributary.core.SystemTables;
import io.tributary.core.TributaryException;
import io.tributary.core.TableWriter.CsvColumn;
import io.tributary.core.TableWriter.OddRecords;
import io.tributary.sink.RefusedRow;
import io.tributary.sink.jdbc.BulkLoad;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;

/**
 * Loads a whole CSV file with DuckDB's own reader, in the chunk transaction. The usual export (every record converts
 * natively, no key repeats) is tried first: its records are cast straight from the file into the target, in file
 * order, by a strict read that fails at the first record that is not like that; the file's text is never held as a
 * table, so DuckDB's memory does not grow with the file. Otherwise the transaction is rolled back and the file is
 * read into a temporary table of text columns (rows in file order, so {@code rowid} is the record's ordinal), every
 * record that converts is cast into the staging table by one {@code INSERT … SELECT}, the other records are mapped by
 * the engine ({@link OddRecords}) and appended to the same staging table with their ordinals, then the stage is merged
 * ({@link DuckDbMergeStatement#apply}, last ordinal of a key wins) or appended in file order. A file DuckDB's reader
 * rejects any record of (a wrong number of values, bytes invalid in UTF-8, an unbalanced quote: its rejects table) is
 * left to the engine's reader, which quarantines or fails exactly as always. A file that changes while it is read
 * fails the transaction.
 */
final class DuckDbCsvLoad {

  private static final String RAW = SystemTables.working("csv");
  private static final String ODD = SystemTables.working("csv_odd");
  /** The raw table's column saying whether {@link DuckDbCsvCasts} converts every value of the record. */
  private static final String PLAIN = SystemTables.working("plain");
  private static final String REJECTS = SystemTables.working("csv_rejects");
  private static final String REJECT_SCANS = SystemTables.working("csv_reject_scans");
  /** Records mapped by the engine per batch: bounds the heap whatever the file holds. */
  private static final int ODD_BATCH = 10_000;
  /** The error {@link #plainOnly} raises at a record the engine must map. */
  private static final String NOT_PLAIN = "tributary: a record DuckDB does not convert natively";

  private final StreamSchema stream;
  private final RunInfo run;
  private final DuckDbRowAppender target;
  private final DuckDbRowAppender stage;
  private final DuckDbMergeStatement statement;
  private final boolean keyed;

  DuckDbCsvLoad(StreamSchema stream, RunInfo run, DuckDbRowAppender target, DuckDbRowAppender stage,
      DuckDbMergeStatement statement, boolean keyed) {
    this.stream = stream;
    this.run = run;
    this.target = target;
    this.stage = stage;
    this.statement = statement;
    this.keyed = keyed;
  }

  Optional<BulkLoad.CsvFiles.FileLoaded> load(Connection c, CsvFile file, List<CsvColumn> columns, OddRecords odd,
      BulkLoad.CsvFiles.Quarantine quarantine) throws SQLException {
    String plain = columns.stream().map(DuckDbCsvCasts::plain).collect(Collectors.joining(" AND "));
    String casts = columns.stream().map(col -> DuckDbCsvCasts.cast(col, DuckDbType.of(col.column())))
        .collect(Collectors.joining(", "));
    FileStamp before = FileStamp.of(file);
    Optional<BulkLoad.CsvFiles.FileLoaded> direct = loadDirect(c, file, columns, plain, casts);
    if (direct.isPresent()) {
      before.requireUnchanged(file);
      return direct;
    }
    try (Statement s = c.createStatement()) {
      dropRejects(s);
      // the predicate is evaluated once per record, while the file is read
      s.execute("CREATE OR REPLACE TEMP TABLE " + quote(RAW) + " AS SELECT *, " + plain + " AS " + PLAIN
          + " FROM " + readCsv(file, true));
      if (count(s, "SELECT count(*) FROM " + quote(REJECTS)) > 0) {
        s.execute("DROP TABLE " + quote(RAW));
        return Optional.empty();
      }
      BulkLoad.CsvFiles.FileLoaded loaded = loadStaged(c, s, file, casts, odd, quarantine);
      s.execute("DROP TABLE " + quote(RAW));
      return Optional.of(loaded);
    }
  }

  private static void dropRejects(Statement s) throws SQLException {
    s.execute("DROP TABLE IF EXISTS " + quote(REJECTS));
    s.execute("DROP TABLE IF EXISTS " + quote(REJECT_SCANS));
  }

  /**
   * The usual file, tried first: every record converts natively and no key repeats. Its reads are strict, and a
   * record that does not convert natively raises an error ({@link #plainOnly}), so a statement that succeeds has read
   * every record of the file, each as the engine would map it. Into an empty target, or without a key, the file goes
   * straight in (one pass), and a keyed target's keys are checked after. Into a keyed target with rows, the file's
   * keys are read into a table of their own, their rows leave the target, then the file goes in (two passes; the
   * second must read as many records as the first, or the file changed between them).
   *
   * <p>Empty when the file is not like that (a record DuckDB's reader rejects or does not convert, a repeated key):
   * DuckDB then refuses every further statement of the transaction, so it is rolled back and the caller starts over
   * in a fresh one. This is sound because a file's load is the first work of its chunk transaction
   * ({@link io.tributary.core.TableWriter#loadCsv}), and costs no more than the counting pass it replaces.
   */
  private Optional<BulkLoad.CsvFiles.FileLoaded> loadDirect(Connection c, CsvFile file, List<CsvColumn> columns,
      String plain, String casts) throws SQLException {
    String from = readCsv(file, false) + plainOnly(plain);
    try {
      if (keyed && !statement.targetEmpty(c)) {
        return loadDirectOverRows(c, file, columns, casts, from);
      }
      long rows = statement.insertSelect(c, run, casts, from);
      if (keyed && statement.repeatedKeys(c) > 0) {
        c.rollback();
        return Optional.empty();
      }
      return Optional.of(new BulkLoad.CsvFiles.FileLoaded(rows, rows, 0));
    } catch (SQLException notUsual) {
      // NOT_PLAIN, or the strict reader's "CSV Error", or anything else: the staged path reads the file again with
      // the rejects table and reports an error that is not about the file's records as before
      c.rollback();
      return Optional.empty();
    }
  }

  private Optional<BulkLoad.CsvFiles.FileLoaded> loadDirectOverRows(Connection c, CsvFile file,
      List<CsvColumn> columns, String casts, String from) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE OR REPLACE TEMP TABLE " + quote(DuckDbMergeStatement.KEYS) + " AS SELECT "
          + keyCasts(columns) + " FROM " + from);
      long keysRead = count(s, "SELECT count(*) FROM " + quote(DuckDbMergeStatement.KEYS));
      String keys = keyColumns(columns).stream().map(col -> quote(col.column().name()))
          .collect(Collectors.joining(", "));
      if (count(s, "SELECT count(*) - count(DISTINCT (" + keys + ")) FROM "
          + quote(DuckDbMergeStatement.KEYS)) > 0) {
        c.rollback();
        return Optional.empty();
      }
      long removed = statement.deleteStagedKeys(c);
      s.execute("DROP TABLE " + quote(DuckDbMergeStatement.KEYS));
      long rows = statement.insertSelect(c, run, casts, from);
      if (rows != keysRead) {
        throw changed(file, keysRead + " keys read, then " + rows + " records");
      }
      return Optional.of(new BulkLoad.CsvFiles.FileLoaded(rows, rows - removed, 0));
    }
  }

  /** A filter that passes the records {@link DuckDbCsvCasts} converts natively and fails the statement at another. */
  private static String plainOnly(String plain) {
    return " WHERE CASE WHEN " + plain + " THEN true ELSE error(" + literal(NOT_PLAIN) + ") END";
  }

  /** A file's size and modification time, to tell that it did not change between two reads. */
  private record FileStamp(long size, java.nio.file.attribute.FileTime modified) {

    static FileStamp of(CsvFile file) throws SQLException {
      try {
        return new FileStamp(java.nio.file.Files.size(file.path()),
            java.nio.file.Files.getLastModifiedTime(file.path()));
      } catch (java.io.IOException e) {
        throw new SQLException("cannot read the size of CSV file " + file.path() + ": " + e.getMessage(), e);
      }
    }

    void requireUnchanged(CsvFile file) throws SQLException {
      FileStamp now = of(file);
      if (!equals(now)) {
        throw changed(file, "size " + size + " -> " + now.size + " bytes, modified " + modified + " -> "
            + now.modified);
      }
    }
  }

  /** A file written to while it was loaded: the chunk rolls back and a rerun reads the file again. */
  private static TributaryException changed(CsvFile file, String how) {
    return TributaryException.transientFailure("CSV file " + file.path() + " changed while DuckDB read it (" + how
        + "); nothing of it was committed", null);
  }

  /**
   * A file with records the engine maps, or with a key repeated: every row into the stage with its ordinal, then
   * the stage merged (last ordinal of a key wins) or appended in ordinal order.
   */
  private BulkLoad.CsvFiles.FileLoaded loadStaged(Connection c, Statement s, CsvFile file, String casts,
      OddRecords odd, BulkLoad.CsvFiles.Quarantine quarantine) throws SQLException {
    s.execute(DuckDbMergeStatement.createStage(stream));
    long plainRows = s.executeUpdate("INSERT INTO " + quote(DuckDbMergeStatement.STAGE) + " SELECT rowid, " + casts
        + ", false FROM " + quote(RAW) + " WHERE " + PLAIN);
    s.execute("CREATE OR REPLACE TEMP TABLE " + quote(ODD) + " AS SELECT rowid AS seq, * EXCLUDE (" + PLAIN
        + ") FROM " + quote(RAW) + " WHERE NOT " + PLAIN + " ORDER BY rowid");
    long[] mapped = mapOdd(c, file.header().size(), odd, quarantine);
    s.execute("DROP TABLE " + quote(ODD));
    long added = keyed ? statement.apply(c, run, true, false) : statement.appendStage(c, run);
    s.execute("DROP TABLE " + quote(DuckDbMergeStatement.STAGE));
    return new BulkLoad.CsvFiles.FileLoaded(plainRows + mapped[0], added, mapped[1]);
  }

  /** The key columns' casts, named as the stream's keys. */
  private String keyCasts(List<CsvColumn> columns) {
    return keyColumns(columns).stream()
        .map(col -> DuckDbCsvCasts.cast(col, DuckDbType.of(col.column())) + " AS " + quote(col.column().name()))
        .collect(Collectors.joining(", "));
  }

  private List<CsvColumn> keyColumns(List<CsvColumn> columns) {
    return stream.primaryKey().stream().map(key -> columns.stream()
        .filter(col -> col.column().name().equalsIgnoreCase(key)).findFirst().orElseThrow()).toList();
  }

  /**
   * The file source's CSV: RFC 4180 quotes, a header row, every value text (an empty one NULL, quoted or not). With
   * {@code rejects}, a record the reader cannot split goes to the rejects table; without, it fails the statement.
   */
  private static String readCsv(CsvFile file, boolean rejects) {
    StringBuilder columns = new StringBuilder("{");
    for (int i = 0; i < file.header().size(); i++) {
      columns.append(i == 0 ? "" : ", ").append('\'').append(DuckDbCsvCasts.raw(i)).append("': 'VARCHAR'");
    }
    columns.append('}');
    return "read_csv(" + literal(file.path().toAbsolutePath().toString()) + ", header = true, auto_detect = false,"
        + " columns = " + columns + ", delim = " + literal(String.valueOf(file.delimiter()))
        + ", quote = '\"', escape = '\"', strict_mode = true, allow_quoted_nulls = true, encoding = 'utf-8'"
        + (rejects ? ", store_rejects = true, rejects_table = " + literal(REJECTS) + ", rejects_scan = "
            + literal(REJECT_SCANS) : "") + ")";
  }

  private static long count(Statement s, String query) throws SQLException {
    try (ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Maps the records DuckDB did not convert, batch by batch in file order; returns {rows staged, quarantined}. */
  private long[] mapOdd(Connection c, int width, OddRecords odd, BulkLoad.CsvFiles.Quarantine quarantine)
      throws SQLException {
    DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
    long staged = 0;
    long quarantined = 0;
    long after = -1;
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + quote(ODD) + " WHERE seq > ? ORDER BY seq"
        + " LIMIT " + ODD_BATCH)) {
      while (true) {
        List<Row> rows = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        List<QuarantinedRecord> bad = new ArrayList<>();
        ps.setLong(1, after);
        int read = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            read++;
            after = rs.getLong(1);
            String[] values = new String[width];
            for (int i = 0; i < width; i++) {
              values[i] = rs.getString(i + 2);
            }
            Row row = odd.map(values, bad);
            String refusal = row == null ? null : target.refusal(row);
            if (refusal != null) {
              bad.add(new RefusedRow(0, refusal).record(row, stream));
            } else if (row != null) {
              rows.add(row);
              seqs.add(after);
            }
          }
        }
        if (read == 0) {
          return new long[] {staged, quarantined};
        }
        stage.appendInStartedTransaction(duck, rows, seqs.stream().mapToLong(Long::longValue).toArray());
        quarantine.insert(bad);
        staged += rows.size();
        quarantined += bad.size();
      }
    }
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
