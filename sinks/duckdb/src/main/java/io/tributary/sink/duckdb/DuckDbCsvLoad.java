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
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + quote(REJECTS));
      s.execute("DROP TABLE IF EXISTS " + quote(REJECT_SCANS));
      String plain = columns.stream().map(DuckDbCsvCasts::plain).collect(Collectors.joining(" AND "));
      // the predicate is evaluated once per record, while the file is read
      s.execute("CREATE OR REPLACE TEMP TABLE " + quote(RAW) + " AS SELECT *, " + plain + " AS " + PLAIN
          + " FROM " + readCsv(file));
      if (count(s, "SELECT count(*) FROM " + quote(REJECTS)) > 0) {
        s.execute("DROP TABLE " + quote(RAW));
        return Optional.empty();
      }
      String casts = columns.stream().map(col -> DuckDbCsvCasts.cast(col, DuckDbType.of(col.column())))
          .collect(Collectors.joining(", "));
      boolean direct = count(s, "SELECT count(*) FROM " + quote(RAW) + " WHERE NOT " + PLAIN) == 0
          && !(keyed && duplicateKeys(s, columns));
      BulkLoad.CsvFiles.FileLoaded loaded = direct ? loadDirect(c, s, columns, casts)
          : loadStaged(c, s, file, casts, odd, quarantine);
      s.execute("DROP TABLE " + quote(RAW));
      return Optional.of(loaded);
    }
  }

  /**
   * The usual file: every record converted natively and no key repeated. Its keys' rows leave the target, then its
   * rows go from the raw table straight into the target, in file order.
   */
  private BulkLoad.CsvFiles.FileLoaded loadDirect(Connection c, Statement s, List<CsvColumn> columns, String casts)
      throws SQLException {
    long removed = 0;
    if (keyed) {
      s.execute("CREATE OR REPLACE TEMP TABLE " + quote(DuckDbMergeStatement.KEYS) + " AS SELECT "
          + keyCasts(columns) + " FROM " + quote(RAW));
      removed = statement.deleteStagedKeys(c);
      s.execute("DROP TABLE " + quote(DuckDbMergeStatement.KEYS));
    }
    long rows = statement.insertSelect(c, run, casts, quote(RAW) + " ORDER BY rowid");
    return new BulkLoad.CsvFiles.FileLoaded(rows, rows - removed, 0);
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

  /** Whether a key occurs twice among the file's records, compared as DuckDB compares the converted keys. */
  private boolean duplicateKeys(Statement s, List<CsvColumn> columns) throws SQLException {
    String keys = keyColumns(columns).stream().map(col -> DuckDbCsvCasts.cast(col, DuckDbType.of(col.column())))
        .collect(Collectors.joining(", "));
    return count(s, "SELECT count(*) - count(DISTINCT (" + keys + ")) FROM " + quote(RAW)) > 0;
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
