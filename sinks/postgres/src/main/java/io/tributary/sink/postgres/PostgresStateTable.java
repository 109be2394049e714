package io.tributary.sink.postgres;

import static io.tributary.core.Identifiers.quote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.Cursor;
import io.tributary.core.TributaryException;
import io.tributary.sink.StateRowFence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code _tributary_state}: one row per job and stream holding the position of the last committed chunk, written in
 * the chunk's transaction so it is exact after a crash between the warehouse and the job repository commits, and the
 * rows its chunks added to the table they load ({@code target_table}, {@code target_rows}), so a table that lost rows
 * behind Tributary is noticed ({@link io.tributary.core.CommittedRows}).
 */
final class PostgresStateTable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> CURSOR_MAP = new TypeReference<>() {};

  private final String table;

  PostgresStateTable(String schema) {
    this.table = quote(schema) + "." + quote("_tributary_state");
  }

  /** Creates the table, or adds the committed-rows columns to one an older Tributary created. Under the DDL lock. */
  void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS " + table + " (job text NOT NULL, stream text NOT NULL,"
          + " instance_id bigint NOT NULL, position text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(),"
          + " target_table text, target_rows bigint NOT NULL DEFAULT 0, writer text, published_instance bigint,"
          + " PRIMARY KEY (job, stream))");
      // checked first: ALTER TABLE takes an exclusive lock even when the column exists, which would wait for every
      // chunk transaction of the schema in flight
      if (!hasColumn(c, "published_instance")) {
        s.execute("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS target_table text,"
            + " ADD COLUMN IF NOT EXISTS target_rows bigint NOT NULL DEFAULT 0, ADD COLUMN IF NOT EXISTS writer text,"
            + " ADD COLUMN IF NOT EXISTS published_instance bigint");
      }
    }
  }

  private boolean hasColumn(Connection c, String column) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(?)"
        + " AND attname = ? AND NOT attisdropped")) {
      ps.setString(1, table);
      ps.setString(2, column);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * The rows the job committed into {@code targetTable}, by every stream or part that loads it: the sum of what each
   * chunk added, a lower bound of the table's row count while nobody deletes rows behind Tributary.
   */
  long committedRows(Connection c, String job, String targetTable) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(target_rows), 0) FROM " + table
        + " WHERE job = ? AND target_table = ?")) {
      ps.setString(1, job);
      ps.setString(2, targetTable);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * Makes {@code rows} the job's committed count of {@code targetTable}, kept on this stream's row, which now belongs
   * to {@code instanceId} at position START (so a restart of this instance checks instead of accepting the table
   * again): for a full refresh, which accepts the table as it is, and for a new replace table.
   */
  void rebaseline(Connection c, String job, String stream, long instanceId, String targetTable, long rows)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET target_rows = 0"
        + " WHERE job = ? AND target_table = ?")) {
      ps.setString(1, job);
      ps.setString(2, targetTable);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
        + " (job, stream, instance_id, position, target_table, target_rows) VALUES (?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (job, stream) DO UPDATE SET instance_id = EXCLUDED.instance_id,"
        + " position = EXCLUDED.position, target_table = EXCLUDED.target_table, target_rows = EXCLUDED.target_rows")) {
      ps.setString(1, job);
      ps.setString(2, stream);
      ps.setLong(3, instanceId);
      ps.setString(4, toJson(Cursor.START));
      ps.setString(5, targetTable);
      ps.setLong(6, rows);
      ps.executeUpdate();
    }
  }

  /** The committed position of {@code instanceId}, or empty when none or another job instance wrote it. */
  Optional<Cursor> read(Connection c, String job, String stream, long instanceId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT instance_id, position FROM " + table + " WHERE job = ? AND stream = ?")) {
      ps.setString(1, job);
      ps.setString(2, stream);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getLong(1) != instanceId) {
          return Optional.empty();
        }
        return Optional.of(new Cursor(parse(rs.getString(2))));
      }
    }
  }

  /** Whether the replace swap of {@code instanceId} committed: the stream is complete for that job instance. */
  boolean published(Connection c, String job, String stream, long instanceId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT 1 FROM " + table + " WHERE job = ? AND stream = ? AND published_instance = ?")) {
      ps.setString(1, job);
      ps.setString(2, stream);
      ps.setLong(3, instanceId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Claims the stream's row for the writer {@code token} ({@link StateRowFence}), creating it at START for
   * {@code instanceId} when there is none; waits for a chunk of an earlier writer in flight (its row lock).
   */
  void claim(Connection c, String job, String stream, long instanceId, String targetTable, String token)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
        + " (job, stream, instance_id, position, target_table, writer) VALUES (?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (job, stream) DO UPDATE SET writer = EXCLUDED.writer")) {
      ps.setString(1, job);
      ps.setString(2, stream);
      ps.setLong(3, instanceId);
      ps.setString(4, toJson(Cursor.START));
      ps.setString(5, targetTable);
      ps.setString(6, token);
      ps.executeUpdate();
    }
  }

  /**
   * Records a committed chunk of the writer {@code token}: its position, and the {@code addedRows} it added to
   * {@code targetTable} (counted on from the row's earlier chunks while they loaded the same table). Fails, rolling
   * the chunk back, when another writer claimed the row since.
   */
  void save(Connection c, String job, String stream, long instanceId, Cursor position, String targetTable,
      long addedRows, String token) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " AS s SET instance_id = ?, position = ?,"
        + " updated_at = now(), target_table = ?, target_rows = CASE WHEN s.target_table = ?"
        + " THEN s.target_rows + ? ELSE ? END WHERE job = ? AND stream = ? AND writer = ?")) {
      ps.setLong(1, instanceId);
      ps.setString(2, toJson(position));
      ps.setString(3, targetTable);
      ps.setString(4, targetTable);
      ps.setLong(5, addedRows);
      ps.setLong(6, addedRows);
      ps.setString(7, job);
      ps.setString(8, stream);
      ps.setString(9, token);
      requireClaim(ps.executeUpdate(), job, stream, token);
    }
  }

  /**
   * Records, in the replace swap's transaction, that {@code instanceId} published its copy, now {@code targetTable}
   * with the rows the chunks committed: a restart of the instance (killed before the job repository completed the
   * step) finds the stream complete instead of an empty replace table.
   */
  void markPublished(Connection c, String job, String stream, long instanceId, String targetTable, String token)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET published_instance = ?,"
        + " target_table = ?, updated_at = now() WHERE job = ? AND stream = ? AND writer = ?")) {
      ps.setLong(1, instanceId);
      ps.setString(2, targetTable);
      ps.setString(3, job);
      ps.setString(4, stream);
      ps.setString(5, token);
      requireClaim(ps.executeUpdate(), job, stream, token);
    }
  }

  private void requireClaim(int updated, String job, String stream, String token) {
    if (updated == 0) {
      throw StateRowFence.takenOver(job, stream, table, token);
    }
  }

  static String toJson(Cursor position) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(position.values()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serializes", e);
    }
  }

  private static Map<String, String> parse(String json) {
    try {
      return JSON.readValue(json, CURSOR_MAP);
    } catch (JsonProcessingException e) {
      throw TributaryException.config("_tributary_state holds a position that is not a JSON object of strings",
          "delete the stream's row from _tributary_state and run with --full-refresh");
    }
  }
}
