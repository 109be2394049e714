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
 * Loads a whole CSV file with DuckDB's own reader, in the chunk transaction. A first pass over the file counts its
 * records and those with a value {@link DuckDbCsvCasts} does not convert natively, without keeping the file's text.
 * When every record converts and no key repeats (the usual export), the file's keys leave the target and its records
 * are cast straight from the file into the target, in file order: the file's text is never held as a table, so
 * DuckDB's memory does not grow with the file. Otherwise the file is read into a temporary table of text columns
 * (rows in file order, so {@code rowid} is the record's ordinal), every record that converts is cast into the
 * staging table by one {@code INSERT … SELECT}, the other records are mapped by the engine ({@link OddRecords}) and
 * appended to the same staging table with their ordinals, then the stage is merged ({@link DuckDbMergeStatement#apply},
 * last ordinal of a key wins) or appended in file order. A file DuckDB's reader rejects any record of (a wrong number
 * of values, bytes invalid in UTF-8, an unbalanced quote: its rejects table) is left to the engine's reader, which
 * quarantines or fails exactly as always. A file that changes between the passes fails the transaction.
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
    try (Statement s = c.createStatement()) {
      String plain = columns.stream().map(DuckDbCsvCasts::plain).collect(Collectors.joining(" AND "));
      String casts = columns.stream().map(col -> DuckDbCsvCasts.cast(col, DuckDbType.of(col.column())))
          .collect(Collectors.joining(", "));
      FileStamp before = FileStamp.of(file);
      dropRejects(s);
      long records;
      long notPlain;
      try (ResultSet rs = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE NOT (" + plain + ")) FROM "
          + readCsv(file, true))) {
        rs.next();
        records = rs.getLong(1);
        notPlain = rs.getLong(2);
      }
      if (count(s, "SELECT count(*) FROM " + quote(REJECTS)) > 0) {
        return Optional.empty();
      }
      if (notPlain == 0) {
        Optional<BulkLoad.CsvFiles.FileLoaded> direct = loadDirect(c, s, file, columns, casts, records);
        if (direct.isPresent()) {
          before.requireUnchanged(file);
          return direct;
        }
      }
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
   * The usual file: every record converts natively. Into an empty target its records go straight in, in file order,
   * and the target's keys are checked after; if one repeats, the target is emptied again and the caller stages the
   * file. Otherwise its keys are read into a table of their own; if one repeats, nothing is written and the caller
   * stages the file. Else its keys' rows leave the target, then its records go from the file straight into the
   * target, in file order. The reads are strict (a record the reader cannot split
   * fails the statement), and the rows inserted must be the records counted, so a file that changed since the first
   * pass fails the transaction instead of loading what that pass did not check.
   */
  private Optional<BulkLoad.CsvFiles.FileLoaded> loadDirect(Connection c, Statement s, CsvFile file,
      List<CsvColumn> columns, String casts, long records) throws SQLException {
    long removed = 0;
    if (keyed && statement.targetEmpty(c)) {
      // A first load: no row to replace, so the file goes straight in and its keys are checked in the target,
      // one pass over the file fewer. A key the file repeats undoes the insert (the target was empty) and the
      // caller stages the file, where the last record of a key wins.
      long rows = statement.insertSelect(c, run, casts, readCsv(file, false));
      if (rows != records) {
        throw changed(file, records + " records counted, " + rows + " read");
      }
      if (statement.repeatedKeys(c) > 0) {
        statement.clearTarget(c);
        return Optional.empty();
      }
      return Optional.of(new BulkLoad.CsvFiles.FileLoaded(rows, rows, 0));
    }
    if (keyed) {
      s.execute("CREATE OR REPLACE TEMP TABLE " + quote(DuckDbMergeStatement.KEYS) + " AS SELECT "
          + keyCasts(columns) + " FROM " + readCsv(file, false));
      String keys = keyColumns(columns).stream().map(col -> quote(col.column().name()))
          .collect(Collectors.joining(", "));
      if (count(s, "SELECT count(*) - count(DISTINCT (" + keys + ")) FROM "
          + quote(DuckDbMergeStatement.KEYS)) > 0) {
        s.execute("DROP TABLE " + quote(DuckDbMergeStatement.KEYS));
        return Optional.empty();
      }
      removed = statement.deleteStagedKeys(c);
      s.execute("DROP TABLE " + quote(DuckDbMergeStatement.KEYS));
    }
    long rows = statement.insertSelect(c, run, casts, readCsv(file, false));
    if (rows != records) {
      throw changed(file, records + " records counted, " + rows + " read");
    }
    return Optional.of(new BulkLoad.CsvFiles.FileLoaded(rows, rows - removed, 0));
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
