package io.tributary.sink.staged;

import io.tributary.core.SystemColumns;
import io.tributary.core.SystemTables;
import io.tributary.core.TributaryException;
import io.tributary.sink.jdbc.SqlDialect;
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
 * The staging table chunks are copied into until the publish: shaped like the target with JSON as text, plus the
 * load ordinal ({@link SystemColumns#SEQ}) and a warehouse's extra columns. One per state key: a part of a
 * partitioned stream (state key {@code <stream>#<part>}) stages into its own, so parts that start, stage and publish
 * at different times never replace or publish each other's rows.
 */
public final class StagingTable {

  /**
   * How a warehouse creates its staging tables.
   *
   * @param replaceVerb creates or replaces the table ({@code CREATE OR REPLACE TRANSIENT TABLE})
   * @param createVerb creates it when missing
   * @param options what follows the column list
   * @param extraColumns the DDL of the columns after the load ordinal
   * @param maxNameLength the longest table name the warehouse accepts
   */
  public record Shape(String replaceVerb, String createVerb, String options, List<String> extraColumns,
      int maxNameLength) {}

  private final SqlDialect<StagedType> dialect;
  private final Shape shape;

  public StagingTable(SqlDialect<StagedType> dialect, Shape shape) {
    this.dialect = dialect;
    this.shape = shape;
  }

  /** A quoted identifier may hold {@code #}, which no validated table name does, so the names never collide. */
  public String name(String table, String stateKey) {
    int part = stateKey.indexOf('#');
    String name = dialect.stored(SystemTables.STAGING_PREFIX + table + (part < 0 ? "" : stateKey.substring(part)));
    if (name.length() > shape.maxNameLength()) {
      throw TributaryException.config("table name '" + table + "' is too long for its staging table '" + name + "'",
          "map the stream to a shorter table name");
    }
    return name;
  }

  /** The staged column types of {@code target}, then the load ordinal's. */
  public List<StagedType> types(TableLayout<StagedType> target) {
    return target.types().stream().map(StagedType::staged).toList();
  }

  /**
   * Creates the staging table of {@code target}: {@code fresh} replaces it (a new job instance); otherwise a restart
   * keeps the chunks it already committed and only evolves it.
   */
  public void ensure(Connection c, TableLayout<StagedType> target, String staging, boolean fresh)
      throws SQLException {
    TableSetup<StagedType> setup = new TableSetup<>(dialect, c);
    List<String> names = target.columns();
    List<StagedType> types = new ArrayList<>(types(target));
    List<String> extra = new ArrayList<>();
    extra.add(dialect.quote(SystemColumns.SEQ) + " " + target.dialect().ddl(io.tributary.core.ColumnType.INTEGER)
        + " NOT NULL");
    extra.addAll(shape.extraColumns());
    String extraDdl = String.join(", ", extra);
    if (fresh) {
      setup.create(shape.replaceVerb(), target.schema(), staging, names, types, List.of(), extraDdl, shape.options());
      return;
    }
    Map<String, Optional<StagedType>> existing = setup.columns(target.schema(), staging);
    if (existing.isEmpty()) {
      setup.create(shape.createVerb(), target.schema(), staging, names, types, List.of(), extraDdl, shape.options());
      return;
    }
    for (int i = 0; i < names.size(); i++) {
      setup.evolve(target.schema(), staging, names.get(i), existing.get(dialect.columnKey(names.get(i))),
          types.get(i));
    }
  }

  /** The highest load ordinal staged so far; a restart numbers its rows on from it. */
  public long maxSeq(Connection c, String stagingQualified) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(" + dialect.quote(SystemColumns.SEQ) + "), 0) FROM "
            + stagingQualified)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
