package io.tributary.sink.postgres;

import io.tributary.core.Row;
import io.tributary.core.RowEncoding;
import io.tributary.core.TableSpec;
import io.tributary.sink.RefusedRow;
import io.tributary.sink.jdbc.BulkLoad;
import io.tributary.sink.jdbc.TableLayout;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Loads a chunk with binary COPY: straight into the table without a key (append, replace of a keyless stream), else
 * into a session staging table merged by key ({@link PostgresMergeStatement}). Rows the encoder refuses (a NUL in
 * text, a decimal too large) are left out and reported.
 */
final class PostgresBulkLoad implements BulkLoad {

  private final TableLayout<PostgresType> layout;
  private final PostgresCopyLoad copy;
  private final PostgresMergeStatement merge;
  private boolean copyStraightIntoKeyedTable;

  /** @param emptyAtOpen whether the table held no rows at open: a keyed load then tries a plain COPY first */
  private PostgresBulkLoad(TableLayout<PostgresType> layout, TableSpec spec, boolean emptyAtOpen) {
    this.layout = layout;
    this.copy = new PostgresCopyLoad(layout, spec.run());
    this.merge = layout.primaryKey().isEmpty() ? null : new PostgresMergeStatement(layout);
    this.copyStraightIntoKeyedTable = emptyAtOpen;
  }

  static PostgresBulkLoad create(Connection c, TableLayout<PostgresType> layout, TableSpec spec) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + layout.qualified() + ")")) {
      rs.next();
      return new PostgresBulkLoad(layout, spec, rs.getBoolean(1));
    }
  }

  /** Binary COPY tuples of the table's columns, as a PostgreSQL source's {@code COPY ... TO STDOUT} writes them. */
  @Override
  public Optional<RowEncoding> rowEncoding() {
    return Optional.of(new RowEncoding(RowEncoding.POSTGRESQL_BINARY, layout.columns(),
        layout.types().stream().map(PostgresType::ddl).toList()));
  }

  @Override
  public Loaded load(Connection c, List<Row> rows) throws SQLException {
    if (merge == null) {
      return copied(copy.copy(c, layout.qualified(), layout.loadColumnList(), rows, false), rows);
    }
    if (copyStraightIntoKeyedTable) {
      // While the table started empty, keys rarely repeat: a plain COPY is ~2x the merge. A repeated key (in this
      // chunk or an earlier one) raises 23505; undo to the savepoint and merge from then on.
      Savepoint savepoint = c.setSavepoint();
      try {
        List<RefusedRow> refused = copy.copy(c, layout.qualified(), layout.loadColumnList(), rows, false);
        c.releaseSavepoint(savepoint);
        return copied(refused, rows);
      } catch (SQLException e) {
        if (!PostgresErrors.sqlState(e).equals("23505")) {
          throw e;
        }
        c.rollback(savepoint);
        copyStraightIntoKeyedTable = false;
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute(merge.createStaging());
      List<RefusedRow> refused = copy.copy(c, merge.staging(), merge.stagingColumnList(), rows, true);
      return new Loaded(refused, mergeCountingInserts(c));
    }
  }

  /**
   * The chunk's COPY started at its first row, into the table {@link #load} would copy it into now: the target while
   * it is plain or keyed and started empty, else the merge's staging table, merged when the COPY ends.
   */
  @Override
  public Feed feed(Connection c) throws SQLException {
    if (merge == null || copyStraightIntoKeyedTable) {
      boolean keyed = merge != null;
      return PostgresCopyFeed.begin(c, copy, null, layout.qualified(), layout.loadColumnList(), false,
          (refused, rows) -> new Loaded(refused, rows - refused.size()), e -> {
            if (keyed && PostgresErrors.sqlState(e).equals("23505")) {
              copyStraightIntoKeyedTable = false;
            }
          });
    }
    return PostgresCopyFeed.begin(c, copy, merge.createStaging(), merge.staging(), merge.stagingColumnList(), true,
        (refused, rows) -> new Loaded(refused, mergeCountingInserts(c)), e -> {});
  }

  private long mergeCountingInserts(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet inserted = s.executeQuery(merge.mergeCountingInserts())) {
      inserted.next();
      return inserted.getLong(1);
    }
  }

  private static Loaded copied(List<RefusedRow> refused, List<Row> rows) {
    return new Loaded(refused, rows.size() - refused.size());
  }
}
