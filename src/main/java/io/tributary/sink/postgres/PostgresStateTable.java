package io.tributary.sink.postgres;

import static io.tributary.core.Identifiers.quote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.Cursor;
import io.tributary.core.TributaryException;
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
 * the chunk's transaction so it is exact after a crash between the warehouse and the job repository commits.
 */
final class PostgresStateTable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> CURSOR_MAP = new TypeReference<>() {};

  private final String table;

  PostgresStateTable(String schema) {
    this.table = quote(schema) + "." + quote("_tributary_state");
  }

  void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS " + table + " (job text NOT NULL, stream text NOT NULL,"
          + " instance_id bigint NOT NULL, position text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(),"
          + " PRIMARY KEY (job, stream))");
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

  void save(Connection c, String job, String stream, long instanceId, Cursor position) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
        + " (job, stream, instance_id, position, updated_at) VALUES (?, ?, ?, ?, now())"
        + " ON CONFLICT (job, stream) DO UPDATE SET instance_id = EXCLUDED.instance_id,"
        + " position = EXCLUDED.position, updated_at = EXCLUDED.updated_at")) {
      ps.setString(1, job);
      ps.setString(2, stream);
      ps.setLong(3, instanceId);
      ps.setString(4, toJson(position));
      ps.executeUpdate();
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
