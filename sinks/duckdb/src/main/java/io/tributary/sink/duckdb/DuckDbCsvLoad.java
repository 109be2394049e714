package io.tributary.sink.duckdb;

import static io.tributary.core.Identifiers.quote;

import io.tributary.core.CsvFile;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.Row;
import io.tributary.core.RunInfo;
import io.tributary.core.StreamSchema;
import io.tributary.core.SystemTables;
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
 * Loads a whole CSV file with DuckDB's own reader, in the chunk transaction: {@code read_csv} into a temporary table
 * of text columns (rows in file order, so {@code rowid} is the record's ordinal), then every record whose values
 * {@link DuckDbCsvCasts} converts natively is cast into the staging table by one {@code INSERT … SELECT}; the other
 * records are mapped by the engine ({@link OddRecords}) and appended to the same staging table with their ordinals;
 * then the stage is merged ({@link DuckDbMergeStatement#apply}, last ordinal of a key wins) or appended in file
 * order. A file DuckDB's reader rejects any record of (a wrong number of values, bytes invalid in UTF-8, an
 * unbalanced quote: its rejects table) is left to the engine's reader, which quarantines or fails exactly as always.
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
    Optional<Long> plainRows = stagePlain(c, file, columns);
    if (plainRows.isEmpty()) {
      return Optional.empty();
    }
    long[] mapped = mapOdd(c, file.header().size(), odd, quarantine);
    long added;
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE " + quote(ODD));
      added = keyed ? statement.apply(c, run, true, false) : statement.appendStage(c, run);
      s.execute("DROP TABLE " + quote(DuckDbMergeStatement.STAGE));
    }
    return Optional.of(new BulkLoad.CsvFiles.FileLoaded(plainRows.get() + mapped[0], added, mapped[1]));
  }

  /**
   * Reads the file, casts its plain records into the stage and keeps the others in {@link #ODD}; empty, having
   * staged nothing, when DuckDB's reader rejected a record.
   */
  private Optional<Long> stagePlain(Connection c, CsvFile file, List<CsvColumn> columns) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + quote(REJECTS));
      s.execute("DROP TABLE IF EXISTS " + quote(REJECT_SCANS));
      String plain = columns.stream().map(DuckDbCsvCasts::plain).collect(Collectors.joining(" AND "));
      // the predicate is evaluated once per record, while the file is read
      s.execute("CREATE OR REPLACE TEMP TABLE " + quote(RAW) + " AS SELECT *, " + plain + " AS " + PLAIN
          + " FROM " + readCsv(file));
      if (rejected(s)) {
        s.execute("DROP TABLE " + quote(RAW));
        return Optional.empty();
      }
      s.execute(DuckDbMergeStatement.createStage(stream));
      long rows = s.executeUpdate("INSERT INTO " + quote(DuckDbMergeStatement.STAGE) + " SELECT rowid, "
          + columns.stream().map(col -> DuckDbCsvCasts.cast(col, DuckDbType.of(col.column())))
              .collect(Collectors.joining(", "))
          + ", false FROM " + quote(RAW) + " WHERE " + PLAIN);
      s.execute("CREATE OR REPLACE TEMP TABLE " + quote(ODD) + " AS SELECT rowid AS seq, * EXCLUDE (" + PLAIN
          + ") FROM " + quote(RAW) + " WHERE NOT " + PLAIN + " ORDER BY rowid");
      s.execute("DROP TABLE " + quote(RAW));
      return Optional.of(rows);
    }
  }

  private static String readCsv(CsvFile file) {
    StringBuilder columns = new StringBuilder("{");
    for (int i = 0; i < file.header().size(); i++) {
      columns.append(i == 0 ? "" : ", ").append('\'').append(DuckDbCsvCasts.raw(i)).append("': 'VARCHAR'");
    }
    columns.append('}');
    // the file source's CSV: RFC 4180 quotes, a header row, every value text (an empty one NULL, quoted or not)
    return "read_csv(" + literal(file.path().toAbsolutePath().toString()) + ", header = true, auto_detect = false,"
        + " columns = " + columns + ", delim = " + literal(String.valueOf(file.delimiter()))
        + ", quote = '\"', escape = '\"', strict_mode = true, allow_quoted_nulls = true, encoding = 'utf-8',"
        + " store_rejects = true, rejects_table = " + literal(REJECTS) + ", rejects_scan = "
        + literal(REJECT_SCANS) + ")";
  }

  private static boolean rejected(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + quote(REJECTS))) {
      rs.next();
      return rs.getLong(1) > 0;
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
