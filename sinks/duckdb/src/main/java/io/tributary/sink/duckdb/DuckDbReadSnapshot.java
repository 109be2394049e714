package io.tributary.sink.duckdb;

import static io.tributary.core.Identifiers.quote;

import io.tributary.core.TributaryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The read snapshot of a DuckDB warehouse: {@code <name>.read.duckdb} beside {@code <name>.duckdb}, holding only the
 * {@code marts} schema. DuckDB lets one process write a file and keeps writers out while any other process reads it
 * (https://duckdb.org/docs/stable/connect/concurrency), so readers (the MCP server, {@code ./tributary query}) open
 * this copy read-only instead. The load writes a new copy under a temporary name and renames it over the old one:
 * a reader that has the old file open keeps reading it (POSIX keeps the unlinked inode), and sees the new marts when
 * it reopens. Raw tables and {@code _tributary_*} tables are not in the copy at all.
 */
public final class DuckDbReadSnapshot {

  private static final String ALIAS = "tributary_read_snapshot";

  private DuckDbReadSnapshot() {}

  /** The snapshot file of a warehouse file. */
  public static Path file(Path warehouse) {
    Path absolute = warehouse.toAbsolutePath().normalize();
    String stem = absolute.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    return absolute.resolveSibling(stem + ".read.duckdb");
  }

  /** Copies every table of the {@code marts} schema into a new snapshot and renames it over the previous one. */
  static void publish(Connection c, Path warehouse) {
    Path target = file(warehouse);
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    try (Statement s = c.createStatement()) {
      Files.deleteIfExists(tmp);
      Files.deleteIfExists(tmp.resolveSibling(tmp.getFileName() + ".wal"));
      List<String> tables = martTables(s);
      s.execute("ATTACH '" + tmp.toString().replace("'", "''") + "' AS " + ALIAS);
      try {
        s.execute("CREATE SCHEMA " + ALIAS + ".marts");
        for (String table : tables) {
          s.execute("CREATE TABLE " + ALIAS + ".marts." + quote(table) + " AS SELECT * FROM marts." + quote(table));
        }
      } finally {
        s.execute("DETACH " + ALIAS);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (SQLException e) {
      throw new TributaryException(TributaryException.Kind.INTERNAL, "DuckDB could not publish the read snapshot "
          + target + ": " + DuckDbErrors.firstLine(String.valueOf(e.getMessage())),
          "check free disk space beside the warehouse file; the marts themselves are built", e);
    } catch (IOException e) {
      throw new TributaryException(TributaryException.Kind.CONFIG, "cannot publish the read snapshot " + target
          + ": " + e.getMessage(), "make the warehouse directory writable", e);
    }
  }

  private static List<String> martTables(Statement s) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_catalog ="
        + " current_database() AND table_schema = 'marts' ORDER BY table_name")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }
}
