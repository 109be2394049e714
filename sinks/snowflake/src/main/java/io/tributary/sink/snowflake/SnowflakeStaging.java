package io.tributary.sink.snowflake;

import io.tributary.core.SystemColumns;
import io.tributary.core.SystemTables;
import io.tributary.core.TributaryException;
import io.tributary.sink.jdbc.TableLayout;
import io.tributary.sink.jdbc.TableSetup;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The transient staging table chunks are copied into until the publish: shaped like the target with VARIANT as text,
 * plus the load ordinal ({@link SystemColumns#SEQ}); transient, so it has no fail-safe storage. One per state key: a
 * part of a partitioned stream (state key {@code <stream>#<part>}) stages into its own, so parts that start, stage and
 * publish at different times never replace or publish each other's rows.
 */
final class SnowflakeStaging {

  private static final SnowflakeDialect DIALECT = SnowflakeDialect.INSTANCE;
  /**
   * A staging table lives for one load: the default day of Time Travel would bill a copy of every staged byte for a
   * day after each run. Transient tables have no Fail-safe; 0 days is allowed for them (Snowflake, "Working with
   * Temporary and Transient Tables").
   */
  static final String NO_TIME_TRAVEL = "DATA_RETENTION_TIME_IN_DAYS = 0";
  static final String CREATE_TRANSIENT = "CREATE TRANSIENT TABLE IF NOT EXISTS";

  private SnowflakeStaging() {}

  /** A quoted identifier may hold {@code #}, which no validated table name does, so the names never collide. */
  static String table(String table, String stateKey) {
    int part = stateKey.indexOf('#');
    String name = DIALECT.stored(SystemTables.STAGING_PREFIX + table + (part < 0 ? "" : stateKey.substring(part)));
    if (name.length() > 255) {
      throw TributaryException.config("table name '" + table + "' is too long for its staging table '" + name + "'",
          "map the stream to a shorter table name");
    }
    return name;
  }

  /**
   * Creates the staging table of {@code target}: {@code fresh} replaces it (a new job instance); otherwise a restart
   * keeps the chunks it already committed and only evolves it.
   */
  static void ensure(Connection c, TableLayout<SnowflakeType> target, String staging, boolean fresh)
      throws SQLException {
    TableSetup<SnowflakeType> setup = new TableSetup<>(DIALECT, c);
    List<String> names = target.columns();
    List<SnowflakeType> types = new ArrayList<>(target.types().stream().map(SnowflakeType::staged).toList());
    String seq = DIALECT.quote(SystemColumns.SEQ) + " NUMBER(38,0) NOT NULL";
    if (fresh) {
      setup.create("CREATE OR REPLACE TRANSIENT TABLE", target.schema(), staging, names, types, List.of(), seq,
          NO_TIME_TRAVEL);
      return;
    }
    Map<String, Optional<SnowflakeType>> existing = setup.columns(target.schema(), staging);
    if (existing.isEmpty()) {
      setup.create(CREATE_TRANSIENT, target.schema(), staging, names, types, List.of(), seq,
          NO_TIME_TRAVEL);
      return;
    }
    for (int i = 0; i < names.size(); i++) {
      setup.evolve(target.schema(), staging, names.get(i), existing.get(names.get(i)), types.get(i));
    }
  }

  /** The highest load ordinal staged so far; a restart numbers its rows on from it. */
  static long maxSeq(Connection c, String stagingQualified) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(" + DIALECT.quote(SystemColumns.SEQ) + "), 0) FROM "
            + stagingQualified)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
