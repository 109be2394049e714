package io.tributary.mart.read;

import io.tributary.sink.duckdb.DuckDbReadSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * Reads a read snapshot a DuckDB load publishes ({@link DuckDbReadSnapshot}), never the warehouse file itself, so
 * a reader never keeps the nightly load out: the masked one (PII columns hold only the mask, the clear values are not
 * in the file), or with the explicit option the clear one. The connection is opened with {@code access_mode=READ_ONLY} (DuckDB
 * refuses every write), {@code enable_external_access=false} (no COPY … TO, ATTACH, read_csv or httpfs) and
 * {@code lock_configuration=true} (a {@code SET} cannot undo either). It stays open between queries and is reopened
 * when the load has renamed a new snapshot into place, so the reader then sees the new marts.
 */
public final class DuckDbSnapshotWarehouse implements MartWarehouse {

  private final Path snapshot;
  private final Path clear;
  private final boolean showPii;
  private Connection connection;
  private Object openedKey;

  /** The reader of a warehouse file's snapshot: the masked one, or the clear one when {@code showPii}. */
  public DuckDbSnapshotWarehouse(Path warehouseFile, boolean showPii) {
    this.clear = DuckDbReadSnapshot.clearFile(warehouseFile);
    this.snapshot = showPii ? clear : DuckDbReadSnapshot.file(warehouseFile);
    this.showPii = showPii;
  }

  @Override
  public String location() {
    return snapshot.toString();
  }

  @Override
  public QueryResult query(MartQuery query) {
    MartQuery q = query.checked();
    try (PreparedStatement s = connection().prepareStatement(q.sql())) {
      for (int i = 0; i < q.params().size(); i++) {
        s.setObject(i + 1, q.params().get(i));
      }
      try (StatementTimer timer = new StatementTimer(s, q.timeout())) {
        try (ResultSet rs = s.executeQuery()) {
          return JdbcRows.read(rs, q.limit());
        } catch (SQLException e) {
          throw timer.fired() ? ReaderErrors.timedOut(q) : ReaderErrors.duckDb(e);
        }
      }
    } catch (SQLException e) {
      throw ReaderErrors.duckDb(e);
    }
  }

  @Override
  public List<String> marts() {
    return Files.isRegularFile(snapshot) ? MartWarehouse.super.marts() : List.of();
  }

  /** The open connection, reopened when the load has published a new snapshot since it was opened. */
  private Connection connection() throws SQLException {
    Object key = currentKey();
    if (connection != null && Objects.equals(key, openedKey)) {
      return connection;
    }
    close();
    Properties props = new Properties();
    props.setProperty("duckdb.read_only", "true");
    props.setProperty("enable_external_access", "false");
    props.setProperty("lock_configuration", "true");
    connection = DriverManager.getConnection("jdbc:duckdb:" + snapshot, props);
    openedKey = key;
    return connection;
  }

  private Object currentKey() {
    if (!showPii && Files.isRegularFile(snapshot) && !Files.exists(clear)) {
      // an earlier version published one snapshot, PII in clear; every current publish writes both
      throw new QueryRefused("the read snapshot " + snapshot + " was published before PII masking",
          "run the job once: it republishes the marts with PII columns masked");
    }
    try {
      BasicFileAttributes a = Files.readAttributes(snapshot, BasicFileAttributes.class);
      return a.fileKey() != null ? a.fileKey() : a.lastModifiedTime();
    } catch (IOException e) {
      throw new QueryRefused("no marts have been published for readers yet (" + snapshot + " does not exist)",
          "run the job once (./tributary run <job>); each run with marts publishes them for readers");
    }
  }

  @Override
  public void close() {
    MartWarehouse.closeQuietly(connection);
    connection = null;
  }
}
