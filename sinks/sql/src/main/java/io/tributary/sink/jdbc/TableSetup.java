package io.tributary.sink.jdbc;

import io.tributary.core.ColumnType;
import io.tributary.core.StreamSchema;
import io.tributary.core.SystemColumns;
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
 * Creates a stream's table or evolves an existing one: new columns are added, a column's type widens where the
 * warehouse can do it without losing a value, a missing metadata column is added, and anything else fails with the
 * table, column, both types and a fix. Runs at {@code open()}, outside chunk transactions, on the caller's connection.
 */
public final class TableSetup<T extends SqlType<T>> {

  private final SqlDialect<T> dialect;
  private final Connection connection;

  public TableSetup(SqlDialect<T> dialect, Connection connection) {
    this.dialect = dialect;
    this.connection = connection;
  }

  public void createSchema(String schema) throws SQLException {
    execute("CREATE SCHEMA IF NOT EXISTS " + dialect.quote(schema));
  }

  public boolean exists(String schema, String table) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
        + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
      ps.setString(1, dialect.stored(schema));
      ps.setString(2, dialect.stored(table));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    }
  }

  public void drop(String schema, String table) throws SQLException {
    execute("DROP TABLE IF EXISTS " + dialect.qualified(schema, table));
  }

  /** Creates or evolves {@code schema.table} for {@code stream}; {@code keyed} makes the stream's key its key. */
  public TableLayout<T> ensure(String schema, String table, StreamSchema stream, boolean keyed) throws SQLException {
    return ensure(schema, table, stream, keyed, "CREATE TABLE IF NOT EXISTS", "");
  }

  /**
   * As {@link #ensure(String, String, StreamSchema, boolean)}, creating a missing table with {@code verb} (a
   * warehouse's own, e.g. {@code CREATE TRANSIENT TABLE IF NOT EXISTS}) and {@code options} after the columns.
   */
  public TableLayout<T> ensure(String schema, String table, StreamSchema stream, boolean keyed, String verb,
      String options) throws SQLException {
    List<String> names = stream.columnNames().stream().map(dialect::stored).toList();
    List<T> wanted = stream.columns().stream().map(dialect::typeOf).toList();
    List<String> key = keyed ? stream.primaryKey().stream().map(dialect::stored).toList() : List.of();
    Map<String, Optional<T>> existing = columns(schema, table);
    if (existing.isEmpty()) {
      create(verb, schema, table, names, wanted, dialect.declaresPrimaryKey() ? key : List.of(), null, options);
      return new TableLayout<>(dialect, schema, table, names, wanted, key);
    }
    List<T> actual = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      actual.add(evolve(schema, table, names.get(i), existing.get(dialect.columnKey(names.get(i))), wanted.get(i)));
    }
    for (String meta : SystemColumns.METADATA) {
      if (!existing.containsKey(dialect.columnKey(dialect.stored(meta)))) {
        execute("ALTER TABLE " + dialect.qualified(schema, table) + " ADD COLUMN " + metadataDdl(meta));
      }
    }
    if (!key.isEmpty()) {
      requireKey(schema, table, key);
    }
    return new TableLayout<>(dialect, schema, table, names, actual, key);
  }

  /**
   * Creates a table: {@code verb} ({@code CREATE TABLE IF NOT EXISTS}, or a warehouse's own), the columns, the
   * metadata columns, {@code extraColumn} (its DDL, or null) and the primary key (when not empty).
   */
  public void create(String verb, String schema, String table, List<String> names, List<T> types,
      List<String> primaryKey, String extraColumn) throws SQLException {
    create(verb, schema, table, names, types, primaryKey, extraColumn, "");
  }

  /** As {@link #create(String, String, String, List, List, List, String)}, then {@code options} after the columns. */
  public void create(String verb, String schema, String table, List<String> names, List<T> types,
      List<String> primaryKey, String extraColumn, String options) throws SQLException {
    StringBuilder ddl = new StringBuilder(verb).append(' ').append(dialect.qualified(schema, table)).append(" (");
    for (int i = 0; i < names.size(); i++) {
      ddl.append(dialect.quote(names.get(i))).append(' ').append(types.get(i).ddl()).append(", ");
    }
    ddl.append(String.join(", ", SystemColumns.METADATA.stream().map(this::metadataDdl).toList()));
    if (extraColumn != null) {
      ddl.append(", ").append(extraColumn);
    }
    if (!primaryKey.isEmpty()) {
      ddl.append(", PRIMARY KEY (").append(dialect.list(primaryKey)).append(')');
    }
    ddl.append(')').append(options.isEmpty() ? "" : " " + options);
    execute(ddl.append(dialect.tableOptions()).toString());
  }

  /**
   * Makes {@code column} of an existing table hold {@code want}: adds it when {@code have} is null (no such column),
   * widens it when it must and safely can, else fails. Returns the type the column has now.
   */
  public T evolve(String schema, String table, String column, Optional<T> have, T want) throws SQLException {
    String qualified = dialect.qualified(schema, table);
    String where = "table " + schema + "." + table + " column " + column;
    if (have == null) {
      execute("ALTER TABLE " + qualified + " ADD COLUMN " + dialect.quote(column) + " " + want.ddl());
      return want;
    }
    if (have.isEmpty()) {
      throw TributaryException.config(where + " has a type Tributary does not write (the stream delivers "
          + want.ddl() + ")", "rename or drop the column in " + dialect.name() + ", or drop the table and run with"
          + " --full-refresh");
    }
    T old = have.get();
    if (old.holds(want)) {
      return old;
    }
    T widened = old.widenedFor(want).orElseThrow(() -> TributaryException.config(where + " is " + old.ddl() + " in "
        + dialect.name() + " but the stream now delivers " + want.ddl() + ", which cannot be converted safely",
        "map the field back to a type " + old.ddl() + " can hold or to a new column name, or rename the old column"
            + " (ALTER TABLE " + schema + "." + table + " RENAME COLUMN " + column + " TO " + column + "_old) and"
            + " run again; or drop the table and run with --full-refresh"));
    execute(dialect.alterColumnType(qualified, column, old, widened));
    return widened;
  }

  /**
   * The table's columns in order, by {@link SqlDialect#columnKey}; an empty Optional for a type Tributary does not
   * write; an empty map when there is no such table.
   */
  public Map<String, Optional<T>> columns(String schema, String table) throws SQLException {
    Map<String, Optional<T>> columns = new LinkedHashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT COLUMN_NAME, DATA_TYPE, NUMERIC_PRECISION, NUMERIC_SCALE FROM INFORMATION_SCHEMA.COLUMNS"
            + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
      ps.setString(1, dialect.stored(schema));
      ps.setString(2, dialect.stored(table));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Number p = (Number) rs.getObject(3);
          Number s = (Number) rs.getObject(4);
          columns.put(dialect.columnKey(rs.getString(1)), dialect.typeFromCatalog(rs.getString(2),
              p == null ? null : p.intValue(), s == null ? null : s.intValue()));
        }
      }
    }
    return columns;
  }

  private void requireKey(String schema, String table, List<String> key) throws SQLException {
    Optional<List<String>> enforced = dialect.enforcedPrimaryKey(connection, schema, table);
    if (enforced.isEmpty()) {
      return;
    }
    if (enforced.get().isEmpty()) {
      execute("ALTER TABLE " + dialect.qualified(schema, table) + " ADD PRIMARY KEY (" + dialect.list(key) + ")");
    } else if (!new HashSet<>(enforced.get()).equals(new HashSet<>(key))) {
      throw TributaryException.config("table " + schema + "." + table + " has primary key " + enforced.get()
          + " but the stream's key is " + key, "fix primary_key in the job, or drop the table and run with"
          + " --full-refresh");
    }
  }

  private String metadataDdl(String meta) {
    String type = switch (meta) {
      case SystemColumns.EXTRACTED_AT -> dialect.ddl(ColumnType.TIMESTAMP);
      case SystemColumns.RUN_ID -> dialect.ddl(ColumnType.INTEGER);
      default -> dialect.ddl(ColumnType.BOOLEAN) + " NOT NULL DEFAULT FALSE";
    };
    return dialect.quote(meta) + " " + type;
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }
}
