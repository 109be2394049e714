package io.tributary.sink.snowflake;

import static io.tributary.sink.snowflake.SnowflakeNames.quote;
import static io.tributary.sink.snowflake.SnowflakeNames.stored;

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
import java.util.Set;

/**
 * Creates or evolves a stream's target and its transient staging table: new columns are added, NUMBER precision
 * grows where Snowflake allows it, anything else fails with the table, column, both types and a fix. Runs at
 * {@code open()}; every statement here is DDL, which Snowflake commits on its own.
 */
final class SnowflakeTableSetup {

  private final Connection connection;

  SnowflakeTableSetup(Connection connection) {
    this.connection = connection;
  }

  void createSchemaAndStage(String schema, String stage) throws SQLException {
    execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
    // An internal named stage: files PUT here are encrypted at rest and cost only storage until REMOVEd.
    execute("CREATE STAGE IF NOT EXISTS " + SnowflakeNames.qualified(schema, stage));
  }

  /** Creates or evolves the target; {@code keyed} declares the (informational) primary key on creation. */
  SnowflakeTableLayout ensureTarget(String schema, String table, StreamSchema stream, boolean keyed)
      throws SQLException {
    List<String> names = stream.columnNames().stream().map(SnowflakeNames::stored).toList();
    List<SnowflakeType> wanted = stream.columns().stream().map(SnowflakeType::forColumn).toList();
    List<String> pk = keyed ? stream.primaryKey().stream().map(SnowflakeNames::stored).toList() : List.of();
    Map<String, Optional<SnowflakeType>> existing = readColumns(schema, table);
    if (existing.isEmpty()) {
      create("CREATE TABLE IF NOT EXISTS", schema, table, names, wanted, pk, false);
      return new SnowflakeTableLayout(schema, table, names, wanted, pk);
    }
    List<SnowflakeType> actual = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      actual.add(evolve(schema, table, names.get(i), existing.get(names.get(i)), wanted.get(i)));
    }
    addMissingMetadata(schema, table, existing);
    return new SnowflakeTableLayout(schema, table, names, actual, pk);
  }

  /**
   * The staging table of a target: transient (no fail-safe storage), shaped like the target with VARIANT as text,
   * plus the load ordinal. {@code fresh} replaces it (a new job instance); otherwise a restart keeps the chunks it
   * already committed and only evolves it.
   */
  void ensureStaging(SnowflakeTableLayout target, String staging, boolean fresh) throws SQLException {
    List<String> names = new ArrayList<>(target.columns());
    List<SnowflakeType> types = new ArrayList<>(target.types().stream().map(SnowflakeType::staged).toList());
    if (fresh) {
      create("CREATE OR REPLACE TRANSIENT TABLE", target.schema(), staging, names, types, List.of(), true);
      return;
    }
    Map<String, Optional<SnowflakeType>> existing = readColumns(target.schema(), staging);
    if (existing.isEmpty()) {
      create("CREATE TRANSIENT TABLE IF NOT EXISTS", target.schema(), staging, names, types, List.of(), true);
      return;
    }
    for (int i = 0; i < names.size(); i++) {
      evolve(target.schema(), staging, names.get(i), existing.get(names.get(i)), types.get(i));
    }
  }

  /** Rejects names that are not plain identifiers, collide once upper-cased, or are metadata; keys must be columns. */
  static void validate(StreamSchema stream) {
    Set<String> seen = new HashSet<>();
    for (Column c : stream.columns()) {
      Identifiers.require(c.name(), "column of stream " + stream.name());
      if (SnowflakeTableLayout.METADATA.contains(stored(c.name())) || stored(c.name()).equals(SnowflakeTableLayout.SEQ)) {
        throw TributaryException.config("column '" + c.name() + "' of stream " + stream.name()
            + " collides with a Tributary metadata column", "rename the field in the job's mapping");
      }
      if (!seen.add(stored(c.name()))) {
        throw TributaryException.config("stream " + stream.name() + " has two columns named '" + stored(c.name())
            + "' once upper-cased, as Snowflake stores them", "rename one of the fields in the job's mapping");
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

  private void create(String verb, String schema, String table, List<String> names, List<SnowflakeType> types,
      List<String> pk, boolean withSeq) throws SQLException {
    StringBuilder ddl = new StringBuilder(verb).append(' ').append(SnowflakeNames.qualified(schema, table))
        .append(" (");
    for (int i = 0; i < names.size(); i++) {
      ddl.append(quote(names.get(i))).append(' ').append(types.get(i).ddl()).append(", ");
    }
    ddl.append(metadataDdl(SnowflakeTableLayout.EXTRACTED_AT)).append(", ")
        .append(metadataDdl(SnowflakeTableLayout.RUN_ID)).append(", ")
        .append(metadataDdl(SnowflakeTableLayout.DELETED));
    if (withSeq) {
      ddl.append(", ").append(quote(SnowflakeTableLayout.SEQ)).append(" NUMBER(38,0) NOT NULL");
    }
    if (!pk.isEmpty()) {
      ddl.append(", PRIMARY KEY (").append(SnowflakeNames.list(pk)).append(')');
    }
    execute(ddl.append(')').toString());
  }

  private SnowflakeType evolve(String schema, String table, String column, Optional<SnowflakeType> have,
      SnowflakeType want) throws SQLException {
    String qualified = SnowflakeNames.qualified(schema, table);
    if (have == null) {
      execute("ALTER TABLE " + qualified + " ADD COLUMN " + quote(column) + " " + want.ddl());
      return want;
    }
    if (have.isEmpty()) {
      throw TributaryException.config("table " + schema + "." + table + " column " + column
          + " has a type Tributary does not write (the stream delivers " + want.ddl() + ")",
          "drop or rename the column in Snowflake, or drop the table and run with --full-refresh");
    }
    SnowflakeType old = have.get();
    if (old.holds(want)) {
      return old;
    }
    SnowflakeType widened = old.widenedFor(want).orElseThrow(() -> TributaryException.config(
        "table " + schema + "." + table + " column " + column + " is " + old.ddl()
            + " but the stream now delivers " + want.ddl() + ", which Snowflake cannot widen in place",
        "map the field to a new column name, rebuild the column yourself (add a new column, UPDATE, swap names),"
            + " or drop the table and run with --full-refresh"));
    execute("ALTER TABLE " + qualified + " ALTER COLUMN " + quote(column) + " SET DATA TYPE " + widened.ddl());
    return widened;
  }

  private void addMissingMetadata(String schema, String table, Map<String, Optional<SnowflakeType>> existing)
      throws SQLException {
    for (String meta : SnowflakeTableLayout.METADATA) {
      if (!existing.containsKey(meta)) {
        execute("ALTER TABLE " + SnowflakeNames.qualified(schema, table) + " ADD COLUMN " + metadataDdl(meta));
      }
    }
  }

  private static String metadataDdl(String meta) {
    return switch (meta) {
      case SnowflakeTableLayout.EXTRACTED_AT -> quote(meta) + " TIMESTAMP_TZ(9)";
      case SnowflakeTableLayout.RUN_ID -> quote(meta) + " NUMBER(38,0)";
      default -> quote(meta) + " BOOLEAN NOT NULL DEFAULT FALSE";
    };
  }

  /** Column name → type; an empty Optional for a type Tributary does not write; an empty map when no table. */
  private Map<String, Optional<SnowflakeType>> readColumns(String schema, String table) throws SQLException {
    Map<String, Optional<SnowflakeType>> columns = new LinkedHashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT COLUMN_NAME, DATA_TYPE, NUMERIC_PRECISION, NUMERIC_SCALE FROM INFORMATION_SCHEMA.COLUMNS"
            + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
      ps.setString(1, stored(schema));
      ps.setString(2, stored(table));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Number p = (Number) rs.getObject(3);
          Number s = (Number) rs.getObject(4);
          columns.put(rs.getString(1), SnowflakeType.fromCatalog(rs.getString(2),
              p == null ? null : p.intValue(), s == null ? null : s.intValue()));
        }
      }
    }
    return columns;
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }
}
