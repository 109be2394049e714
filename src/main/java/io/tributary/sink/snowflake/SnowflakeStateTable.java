package io.tributary.sink.snowflake;

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
 * {@code _TRIBUTARY_STATE}: one row per job and stream with the position of the last committed chunk, whether the
 * chunks staged so far have been published into the target, and the position this job instance has published up to
 * ({@code PUBLISHED_POSITION}, null before its first publish). Written in the chunk's transaction (position,
 * {@code PUBLISHED = FALSE}, the published position kept) and in the publishing transaction ({@code PUBLISHED = TRUE},
 * the published position set). It is the one truth of a stream's progress in a run: the job repository's step status
 * commits separately and may lag it.
 */
final class SnowflakeStateTable {

  /** What the state row says about one job instance; {@code publishedPosition} is null before its first publish. */
  record Entry(Cursor position, boolean published, Cursor publishedPosition) {

    boolean publishedBefore() {
      return publishedPosition != null;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> CURSOR_MAP = new TypeReference<>() {};

  private final String table;

  SnowflakeStateTable(String schema) {
    this.table = SnowflakeNames.qualified(schema, "_TRIBUTARY_STATE");
  }

  String create() {
    return "CREATE TABLE IF NOT EXISTS " + table + " (\"JOB\" VARCHAR NOT NULL, \"STREAM\" VARCHAR NOT NULL,"
        + " \"INSTANCE_ID\" NUMBER(38,0) NOT NULL, \"POSITION\" VARCHAR NOT NULL, \"PUBLISHED\" BOOLEAN NOT NULL,"
        + " \"UPDATED_AT\" TIMESTAMP_TZ(9), \"PUBLISHED_POSITION\" VARCHAR, PRIMARY KEY (\"JOB\", \"STREAM\"))";
  }

  /** A state table created before the published position was kept gains its column. */
  String addPublishedPosition() {
    return "ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS \"PUBLISHED_POSITION\" VARCHAR";
  }

  void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(create());
      s.execute(addPublishedPosition());
    }
  }

  /** The state of {@code instanceId}, or empty when there is none or another job instance wrote it. */
  Optional<Entry> read(Connection c, String job, String stream, long instanceId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT \"INSTANCE_ID\", \"POSITION\", \"PUBLISHED\","
        + " \"PUBLISHED_POSITION\" FROM " + table
        + " WHERE \"JOB\" = ? AND \"STREAM\" = ?")) {
      ps.setString(1, job);
      ps.setString(2, stream);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getLong(1) != instanceId) {
          return Optional.empty();
        }
        String publishedPosition = rs.getString(4);
        return Optional.of(new Entry(new Cursor(parse(rs.getString(2))), rs.getBoolean(3),
            publishedPosition == null ? null : new Cursor(parse(publishedPosition))));
      }
    }
  }

  String upsert() {
    return "MERGE INTO " + table + " AS t USING (SELECT CAST(? AS VARCHAR) AS \"JOB\", CAST(? AS VARCHAR) AS \"STREAM\","
        + " CAST(? AS NUMBER(38,0)) AS \"INSTANCE_ID\", CAST(? AS VARCHAR) AS \"POSITION\","
        + " CAST(? AS BOOLEAN) AS \"PUBLISHED\", CAST(? AS VARCHAR) AS \"PUBLISHED_POSITION\") AS s"
        + " ON t.\"JOB\" = s.\"JOB\" AND t.\"STREAM\" = s.\"STREAM\""
        + " WHEN MATCHED THEN UPDATE SET \"PUBLISHED_POSITION\" = CASE WHEN t.\"INSTANCE_ID\" = s.\"INSTANCE_ID\""
        + " THEN COALESCE(s.\"PUBLISHED_POSITION\", t.\"PUBLISHED_POSITION\") ELSE s.\"PUBLISHED_POSITION\" END,"
        + " \"INSTANCE_ID\" = s.\"INSTANCE_ID\", \"POSITION\" = s.\"POSITION\","
        + " \"PUBLISHED\" = s.\"PUBLISHED\", \"UPDATED_AT\" = CURRENT_TIMESTAMP"
        + " WHEN NOT MATCHED THEN INSERT (\"JOB\", \"STREAM\", \"INSTANCE_ID\", \"POSITION\", \"PUBLISHED\","
        + " \"PUBLISHED_POSITION\", \"UPDATED_AT\") VALUES (s.\"JOB\", s.\"STREAM\", s.\"INSTANCE_ID\","
        + " s.\"POSITION\", s.\"PUBLISHED\", s.\"PUBLISHED_POSITION\", CURRENT_TIMESTAMP)";
  }

  /** A chunk's state: the position staged, not published; what the instance published before is kept. */
  void saveStaged(Connection c, String job, String stream, long instanceId, Cursor position) throws SQLException {
    save(c, job, stream, instanceId, position, false, null);
  }

  /** A publish's state: everything staged up to {@code position} is in the target. */
  void savePublished(Connection c, String job, String stream, long instanceId, Cursor position) throws SQLException {
    save(c, job, stream, instanceId, position, true, position);
  }

  private void save(Connection c, String job, String stream, long instanceId, Cursor position, boolean published,
      Cursor publishedPosition) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(upsert())) {
      ps.setString(1, job);
      ps.setString(2, stream);
      ps.setLong(3, instanceId);
      ps.setString(4, toJson(position));
      ps.setBoolean(5, published);
      ps.setString(6, publishedPosition == null ? null : toJson(publishedPosition));
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
      throw TributaryException.config("_TRIBUTARY_STATE holds a position that is not a JSON object of strings",
          "delete the stream's row from _TRIBUTARY_STATE and run with --full-refresh");
    }
  }
}
