package io.tributary.sink.postgres;

import static io.tributary.core.Identifiers.quote;

import io.tributary.core.Column;
import io.tributary.core.Identifiers;
import io.tributary.core.StreamSchema;
import io.tributary.core.TributaryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates a stream's table or evolves an existing one: new columns are added, types widen where no value can be lost,
 * and anything else fails with the table, column, both types and a fix. Runs at {@code open()}, outside chunk
 * transactions, on a connection the caller commits.
 */
final class PostgresTableSetup {

  private final Connection connection;

  PostgresTableSetup(Connection connection) {
    this.connection = connection;
  }

  void createSchema(String schema) throws SQLException {
    execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
  }

  boolean exists(String schema, String table) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      ps.setString(1, quote(schema) + "." + quote(table));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  void drop(String schema, String table) throws SQLException {
    execute("DROP TABLE IF EXISTS " + quote(schema) + "." + quote(table));
  }

  /** Creates or evolves {@code schema.table} for {@code stream}; with {@code keyed} it also ensures the primary key. */
  PostgresTableLayout ensure(String schema, String table, StreamSchema stream, boolean keyed) throws SQLException {
    List<String> names = stream.columnNames();
    List<PostgresType> wanted = stream.columns().stream().map(PostgresType::forColumn).toList();
    List<String> pk = keyed ? stream.primaryKey() : List.of();
    Map<String, Optional<PostgresType>> existing = readColumns(schema, table);
    String qualified = quote(schema) + "." + quote(table);
    if (existing.isEmpty()) {
      create(qualified, names, wanted, pk);
      return new PostgresTableLayout(schema, table, names, wanted, pk);
    }
    List<PostgresType> actual = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      actual.add(evolve(schema, table, names.get(i), existing.get(names.get(i)), wanted.get(i)));
    }
    addMissingMetadata(qualified, existing);
    if (keyed) {
      ensurePrimaryKey(schema, table, pk);
    }
    return new PostgresTableLayout(schema, table, names, actual, pk);
  }

  /** Rejects names that are not plain identifiers or collide with metadata columns, and keys that are not columns. */
  static void validate(StreamSchema stream) {
    for (Column c : stream.columns()) {
      Identifiers.require(c.name(), "column of stream " + stream.name());
      if (PostgresTableLayout.METADATA.contains(c.name())) {
        throw TributaryException.config("column '" + c.name() + "' of stream " + stream.name()
            + " collides with a Tributary metadata column", "rename the field in the job's mapping");
      }
    }
    for (String key : stream.primaryKey()) {
      if (!stream.columnNames().contains(key)) {
        throw TributaryException.config("primary key '" + key + "' of stream " + stream.name()
            + " is not one of its output columns " + stream.columnNames(),
            "name the key by its output (mapped) column name");
      }
    }
  }

  private void create(String qualified, List<String> names, List<PostgresType> types, List<String> pk)
      throws SQLException {
    StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(qualified).append(" (");
    for (int i = 0; i < names.size(); i++) {
      ddl.append(quote(names.get(i))).append(' ').append(types.get(i).ddl()).append(", ");
    }
    ddl.append(metadataDdl(PostgresTableLayout.EXTRACTED_AT)).append(", ")
        .append(metadataDdl(PostgresTableLayout.RUN_ID)).append(", ")
        .append(metadataDdl(PostgresTableLayout.DELETED));
    if (!pk.isEmpty()) {
      ddl.append(", PRIMARY KEY (").append(PostgresTableLayout.quotedList(pk)).append(')');
    }
    execute(ddl.append(')').toString());
  }

  private PostgresType evolve(String schema, String table, String column, Optional<PostgresType> have,
      PostgresType want) throws SQLException {
    String qualified = quote(schema) + "." + quote(table);
    if (have == null) {
      execute("ALTER TABLE " + qualified + " ADD COLUMN " + quote(column) + " " + want.ddl());
      return want;
    }
    if (have.isEmpty()) {
      throw TributaryException.config("table " + schema + "." + table + " column " + column
          + " has a type Tributary does not write (the stream delivers " + want.ddl() + ")",
          "ALTER TABLE " + schema + "." + table + " ALTER COLUMN " + column + " TYPE " + want.ddl()
              + ", or drop the table and run with --full-refresh");
    }
    PostgresType old = have.get();
    if (old.holds(want)) {
      return old;
    }
    PostgresType widened = old.widenedFor(want).orElseThrow(() -> TributaryException.config(
        "table " + schema + "." + table + " column " + column + " is " + old.ddl()
            + " but the stream now delivers " + want.ddl() + ", which cannot be widened safely",
        "cast the column yourself (ALTER TABLE " + schema + "." + table + " ALTER COLUMN " + column + " TYPE "
            + want.ddl() + " USING ...), map the field to a new column name, or drop the table and run with"
            + " --full-refresh"));
    // A date becomes midnight UTC, not midnight in the session's time zone.
    String using = old.kind() == PostgresType.Kind.DATE
        ? " USING (" + quote(column) + "::timestamp AT TIME ZONE 'UTC')" : "";
    execute("ALTER TABLE " + qualified + " ALTER COLUMN " + quote(column) + " TYPE " + widened.ddl() + using);
    return widened;
  }

  private void addMissingMetadata(String qualified, Map<String, Optional<PostgresType>> existing)
      throws SQLException {
    for (String meta : PostgresTableLayout.METADATA) {
      if (!existing.containsKey(meta)) {
        execute("ALTER TABLE " + qualified + " ADD COLUMN " + metadataDdl(meta));
      }
    }
  }

  private void ensurePrimaryKey(String schema, String table, List<String> pk) throws SQLException {
    List<String> current = readPrimaryKey(schema, table);
    if (current.isEmpty()) {
      execute("ALTER TABLE " + quote(schema) + "." + quote(table) + " ADD PRIMARY KEY ("
          + PostgresTableLayout.quotedList(pk) + ")");
    } else if (!new HashSet<>(current).equals(new HashSet<>(pk))) {
      throw TributaryException.config("table " + schema + "." + table + " has primary key " + current
          + " but the stream's key is " + pk, "fix primary_key in the job, or drop the table and run with"
          + " --full-refresh");
    }
  }

  private static String metadataDdl(String meta) {
    return switch (meta) {
      case PostgresTableLayout.EXTRACTED_AT -> quote(meta) + " timestamptz";
      case PostgresTableLayout.RUN_ID -> quote(meta) + " bigint";
      default -> quote(meta) + " boolean NOT NULL DEFAULT false";
    };
  }

  /** Column name → type; an empty Optional for a type Tributary does not write; an empty map when no table. */
  private Map<String, Optional<PostgresType>> readColumns(String schema, String table) throws SQLException {
    Map<String, Optional<PostgresType>> columns = new LinkedHashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT column_name, data_type, numeric_precision, numeric_scale FROM information_schema.columns"
            + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.put(rs.getString(1), PostgresType.fromCatalog(
              rs.getString(2), (Integer) rs.getObject(3), (Integer) rs.getObject(4)));
        }
      }
    }
    return columns;
  }

  private List<String> readPrimaryKey(String schema, String table) throws SQLException {
    List<String> pk = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
            + " AND a.attnum = ANY(i.indkey) WHERE i.indrelid = to_regclass(?) AND i.indisprimary")) {
      ps.setString(1, quote(schema) + "." + quote(table));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          pk.add(rs.getString(1));
        }
      }
    }
    return pk;
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }
}
