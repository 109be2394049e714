package io.tributary.sink.postgres;

import io.tributary.core.Row;
import io.tributary.sink.RefusedRow;
import io.tributary.sink.jdbc.BulkLoad;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chunk's binary COPY sent row by row while the engine maps the rest of the chunk ({@link BulkLoad.Feed}), so the
 * server inserts while the step thread works instead of waiting for the whole chunk. It begins behind a savepoint, into
 * the table the chunk's load would copy into (the target, or the merge's staging table), and is kept only when the
 * chunk's rows are exactly the rows it sent; anything else (a row the server refused, a chunk that differs) rolls back
 * to the savepoint, and the chunk is loaded whole as before.
 */
final class PostgresCopyFeed implements BulkLoad.Feed {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresCopyFeed.class);

  /** What the load does once the COPY has ended: the merge of a staging table, or nothing more. */
  interface Completion {
    BulkLoad.Loaded complete(List<RefusedRow> refused, int rows) throws SQLException;
  }

  private final PostgresCopyLoad copy;
  private final Savepoint savepoint;
  private final Completion completion;
  private final Consumer<SQLException> failed;
  private final List<Row> offered = new ArrayList<>();
  private final List<RefusedRow> refused = new ArrayList<>(0);
  private CopyIn in;
  private SQLException failure;

  /**
   * Sets the savepoint, runs {@code prepare} (the staging table) and starts the COPY on {@code c}, inside the chunk
   * transaction; a COPY that does not start is kept as the feed's failure.
   *
   * @param failed told the failure of a feed that is undone (the straight COPY into a keyed table hit a repeated key)
   */
  static PostgresCopyFeed begin(Connection c, PostgresCopyLoad copy, String prepare, String qualifiedTable,
      String columnList, boolean withSeq, Completion completion, Consumer<SQLException> failed)
      throws SQLException {
    PostgresCopyFeed feed = new PostgresCopyFeed(copy, c.setSavepoint(), completion, failed);
    try {
      if (prepare != null) {
        try (Statement s = c.createStatement()) {
          s.execute(prepare);
        }
      }
      feed.in = copy.begin(c, qualifiedTable, columnList, withSeq);
    } catch (SQLException e) {
      feed.failure = e;
    }
    return feed;
  }

  private PostgresCopyFeed(PostgresCopyLoad copy, Savepoint savepoint, Completion completion,
      Consumer<SQLException> failed) {
    this.copy = copy;
    this.savepoint = savepoint;
    this.completion = completion;
    this.failed = failed;
  }

  @Override
  public void offer(Row row) {
    int index = offered.size();
    offered.add(row);
    if (failure != null) {
      return;
    }
    try {
      copy.row(in, row, index, (i, reason) -> refused.add(new RefusedRow(i, reason)));
    } catch (SQLException e) {
      failure = e;
    }
  }

  @Override
  public Optional<BulkLoad.Loaded> finish(Connection c, List<Row> rows) throws SQLException {
    boolean same = sameRows(rows);
    if (same && failure == null) {
      try {
        copy.end(in);
      } catch (SQLException e) {
        failure = e;
      }
    }
    if (!same || failure != null) {
      abandon();
      c.rollback(savepoint);
      if (!same) {
        LOG.warn("a chunk's rows were not the rows offered for it ({} offered, {} loaded): loaded whole instead",
            offered.size(), rows.size());
      }
      if (failure != null) {
        failed.accept(failure);
      }
      return Optional.empty();
    }
    BulkLoad.Loaded loaded = completion.complete(refused, rows.size());
    c.releaseSavepoint(savepoint);
    return Optional.of(loaded);
  }

  private boolean sameRows(List<Row> rows) {
    if (rows.size() != offered.size()) {
      return false;
    }
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i) != offered.get(i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void abandon() {
    if (in != null && in.isActive()) {
      PostgresCopyLoad.cancel(in);
    }
  }
}
