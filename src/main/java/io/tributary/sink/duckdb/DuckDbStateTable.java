package io.tributary.sink.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.Cursor;
import io.tributary.core.TributaryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/** Reads and writes {@code _tributary_state}: one row per job and stream, the cursor map as JSON. */
final class DuckDbStateTable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> CURSOR_MAP = new TypeReference<>() {};

  private final String table;

  DuckDbStateTable(DuckDbTableDdl ddl) {
    this.table = ddl.qualified(DuckDbTableDdl.STATE);
  }

  /** The stored position, only when it was written by job instance {@code instanceId}. */
  Optional<Cursor> position(Connection c, String job, String stream, long instanceId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT position FROM " + table + " WHERE job = ? AND stream = ? AND instance_id = ?")) {
      ps.setString(1, job);
      ps.setString(2, stream);
      ps.setLong(3, instanceId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(parse(rs.getString(1))) : Optional.empty();
      }
    }
  }

  void upsert(Connection c, String job, String stream, long instanceId, Cursor position) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
        + " (job, stream, instance_id, position, updated_at) VALUES (?, ?, ?, ?, now())"
        + " ON CONFLICT (job, stream) DO UPDATE SET instance_id = excluded.instance_id,"
        + " position = excluded.position, updated_at = excluded.updated_at")) {
      ps.setString(1, job);
      ps.setString(2, stream);
      ps.setLong(3, instanceId);
      ps.setString(4, render(position));
      ps.executeUpdate();
    }
  }

  void delete(Connection c, String job, String stream) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE job = ? AND stream = ?")) {
      ps.setString(1, job);
      ps.setString(2, stream);
      ps.executeUpdate();
    }
  }

  private static String render(Cursor position) {
    try {
      return JSON.writeValueAsString(position.values());
    } catch (JsonProcessingException e) {
      throw new TributaryException(TributaryException.Kind.INTERNAL, "cannot serialize a cursor", null, e);
    }
  }

  private Cursor parse(String json) {
    try {
      return json == null ? Cursor.START : new Cursor(JSON.readValue(json, CURSOR_MAP));
    } catch (JsonProcessingException e) {
      throw new TributaryException(TributaryException.Kind.CONFIG,
          "the position in " + table + " is not a JSON object of strings", "delete that row and run again", e);
    }
  }
}
