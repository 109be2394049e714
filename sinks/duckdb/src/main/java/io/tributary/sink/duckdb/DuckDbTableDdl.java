package io.tributary.sink.duckdb;

import static io.tributary.core.Identifiers.quote;

import io.tributary.core.Column;
import io.tributary.core.StreamSchema;
import io.tributary.core.TributaryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Creates and evolves tables at stream start, outside chunk transactions. Targets carry no PRIMARY KEY: the writer
 * merges by key with DELETE + INSERT itself, and DuckDB 2.0 refuses to change the type of a key column ("Cannot
 * change the type of a column that has a UNIQUE or PRIMARY KEY constraint"), which would block widening a key.
 */
final class DuckDbTableDdl {

  static final String EXTRACTED_AT = "_tributary_extracted_at";
  static final String RUN_ID = "_tributary_run_id";
  static final String DELETED = "_tributary_deleted";
  static final String QUARANTINE = "_tributary_quarantine";
  static final String STATE = "_tributary_state";

  private final String schema;

  DuckDbTableDdl(String schema) {
    this.schema = schema;
  }

  String schema() {
    return schema;
  }

  String qualified(String table) {
    return quote(schema) + "." + quote(table);
  }

  void createSchemaAndMetadataTables(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
      s.execute("CREATE TABLE IF NOT EXISTS " + qualified(QUARANTINE) + " (job VARCHAR NOT NULL, run_id BIGINT,"
          + " stream VARCHAR NOT NULL, source_key VARCHAR, raw_record VARCHAR, reasons VARCHAR,"
          + " quarantined_at TIMESTAMPTZ NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS " + qualified(STATE) + " (job VARCHAR NOT NULL, stream VARCHAR NOT NULL,"
          + " instance_id BIGINT NOT NULL, position VARCHAR, updated_at TIMESTAMPTZ NOT NULL,"
          + " target_table VARCHAR, target_rows BIGINT DEFAULT 0, PRIMARY KEY (job, stream))");
      // a state table of an older Tributary: the committed-rows columns (DuckDB adds no NOT NULL column)
      s.execute("ALTER TABLE " + qualified(STATE) + " ADD COLUMN IF NOT EXISTS target_table VARCHAR");
      s.execute("ALTER TABLE " + qualified(STATE) + " ADD COLUMN IF NOT EXISTS target_rows BIGINT DEFAULT 0");
      // the writer's claim (io.tributary.sink.StateRowFence) and the instance whose replace copy was swapped in
      s.execute("ALTER TABLE " + qualified(STATE) + " ADD COLUMN IF NOT EXISTS writer VARCHAR");
      s.execute("ALTER TABLE " + qualified(STATE) + " ADD COLUMN IF NOT EXISTS published_instance BIGINT");
    }
  }

  /** Creates {@code table} from the stream schema, replacing any existing one. */
  void createFresh(Connection c, String table, StreamSchema stream) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE OR REPLACE TABLE " + qualified(table) + " (" + columnDefinitions(stream) + ")");
    }
  }

  /** Creates {@code table} if missing, else adds new columns and widens columns where that is safe. */
  void createOrEvolve(Connection c, String table, StreamSchema stream) throws SQLException {
    Map<String, DuckDbType> existing = columns(c, table);
    if (existing.isEmpty()) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE " + qualified(table) + " (" + columnDefinitions(stream) + ")");
      }
      return;
    }
    for (Column column : stream.columns()) {
      DuckDbType wanted = DuckDbType.of(column);
      DuckDbType have = existing.get(column.name().toLowerCase(Locale.ROOT));
      if (have == null) {
        execute(c, "ALTER TABLE " + qualified(table) + " ADD COLUMN " + quote(column.name()) + " " + wanted.ddl());
      } else if (!have.canHold(wanted)) {
        DuckDbType widened = have.widenFor(wanted).orElseThrow(() -> incompatible(table, column, have, wanted));
        execute(c, "ALTER TABLE " + qualified(table) + " ALTER COLUMN " + quote(column.name())
            + " SET DATA TYPE " + widened.ddl());
      }
    }
  }

  /** The table's columns in order, lower-cased name → type; empty when the table does not exist. */
  Map<String, DuckDbType> columns(Connection c, String table) throws SQLException {
    Map<String, DuckDbType> result = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type FROM information_schema.columns"
        + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.put(rs.getString(1).toLowerCase(Locale.ROOT), DuckDbType.parse(rs.getString(2)));
        }
      }
    }
    return result;
  }

  List<String> columnNames(Connection c, String table) throws SQLException {
    return new ArrayList<>(columns(c, table).keySet());
  }

  boolean exists(Connection c, String table) throws SQLException {
    return !columns(c, table).isEmpty();
  }

  private static String columnDefinitions(StreamSchema stream) {
    StringBuilder sql = new StringBuilder();
    for (Column column : stream.columns()) {
      sql.append(quote(column.name())).append(' ').append(DuckDbType.of(column).ddl()).append(", ");
    }
    return sql.append(quote(EXTRACTED_AT)).append(" TIMESTAMPTZ, ")
        .append(quote(RUN_ID)).append(" BIGINT, ")
        .append(quote(DELETED)).append(" BOOLEAN NOT NULL DEFAULT false")
        .toString();
  }

  private TributaryException incompatible(String table, Column column, DuckDbType have, DuckDbType wanted) {
    String where = schema + "." + table;
    return TributaryException.config(
        "table " + where + " column '" + column.name() + "' is " + have.ddl() + " in DuckDB but the stream now"
            + " delivers " + wanted.ddl() + ", which cannot be converted safely",
        "map the field back to a type " + have.ddl() + " can hold, or rename the old column (ALTER TABLE " + where
            + " RENAME COLUMN " + column.name() + " TO " + column.name() + "_old) and run again");
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
