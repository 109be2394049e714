package io.tributary.sink.postgres;

import io.tributary.sink.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL's SQL: its types, a date column widened to timestamptz as midnight UTC, enforced primary keys, the DDL
 * advisory lock ({@link PostgresDdlLock}), a row count that stops early, and text without NUL.
 */
final class PostgresDialect extends SqlDialect<PostgresType> {

  static final PostgresDialect INSTANCE = new PostgresDialect();

  private PostgresDialect() {
    super("PostgreSQL", PostgresType::forColumn, PostgresType::fromCatalog);
  }

  /** A date becomes midnight UTC, not midnight in the session's time zone. */
  @Override
  public String alterColumnType(String qualifiedTable, String column, PostgresType from, PostgresType to) {
    String using = from.kind() == PostgresType.Kind.DATE
        ? " USING (" + quote(column) + "::timestamp AT TIME ZONE 'UTC')" : "";
    return "ALTER TABLE " + qualifiedTable + " ALTER COLUMN " + quote(column) + " TYPE " + to.ddl() + using;
  }

  @Override
  public Optional<List<String>> enforcedPrimaryKey(Connection c, String schema, String table) throws SQLException {
    List<String> key = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
            + " AND a.attnum = ANY(i.indkey) WHERE i.indrelid = to_regclass(?) AND i.indisprimary")) {
      ps.setString(1, qualified(schema, table));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          key.add(rs.getString(1));
        }
      }
    }
    return Optional.of(key);
  }

  @Override
  public void lockSchema(Connection c, String schema) throws SQLException {
    PostgresDdlLock.acquire(c, schema);
  }

  /** A table of 100 million rows takes a while to count; the committed-rows check needs only enough of them. */
  @Override
  public String countRows(String qualifiedTable, long enough) {
    String limit = enough == Long.MAX_VALUE ? "" : " LIMIT " + enough;
    return "SELECT count(*) FROM (SELECT 1 FROM " + qualifiedTable + limit + ") r";
  }

  /** PostgreSQL text cannot hold NUL; a quarantined record stays readable rather than lost. */
  @Override
  public String storable(String text) {
    return text.indexOf('\0') < 0 ? text : text.replace("\0", "\\u0000");
  }
}
